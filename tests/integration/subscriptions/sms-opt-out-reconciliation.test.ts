import { beforeAll, describe, expect, it } from 'vitest';
import { schedulerHandler } from '../../../functions/scheduler/handler';
import { localSchedulerDeps } from '../../../functions/wiring/local';
import { memorySmsOptOuts } from '../../../shared/adapters/outbox/memory-sms-opt-outs';
import type { Subscription, SubscriptionStatus } from '../../../shared/domain/subscription';
import { RecipientRejectedError } from '../../../shared/errors';
import { reconcileSmsOptOuts } from '../../../shared/services/reconcile-sms-opt-outs';
import { addPerson, call, makeHarness, type Harness } from '../../support/harness';
import { indexedUnder } from '../../support/match-index';

/**
 * The daily `reconcile-sms-opt-outs` task against DynamoDB Local: every
 * active SMS subscription of a number on the carrier's opt-out list is
 * paused (suspended, audited), found through its address items; nothing
 * else changes, and a second run changes nothing.
 */
let h: Harness;

beforeAll(async () => {
  h = await makeHarness();
});

/** Numbers of one test: `+2547123<test><n>`, so tests never share data. */
const phone = (test: number, n: number) => `+2547123${String(test).padStart(2, '0')}${String(n).padStart(3, '0')}`;

async function subscribe(channel: Subscription['channel'], address: string, status: SubscriptionStatus = 'active', extra: Partial<Subscription> = {}): Promise<Subscription> {
  const subscription: Subscription = { id: h.deps.ids.next(), channel, address, status, createdAt: h.deps.clock.now(), filters: { countries: ['KE'], regions: [], kinds: [] }, ...extra };
  await h.deps.subscriptions.create(subscription, []);
  return subscription;
}

const statusOf = async (s: Subscription) => {
  const stored = await h.deps.subscriptions.get(s.id);
  return { status: stored?.status, reason: stored?.suspendedReason };
};

async function matchedSms(): Promise<string[]> {
  return (await indexedUnder(h.deps.subscriptions, 'sms', 'c:KE')).map((s) => s.id);
}

describe('SMS opt-out reconciliation', () => {
  it('pauses every active SMS subscription of each opted-out number, page after page, and audits each', async () => {
    const stopped = await subscribe('sms', phone(1, 1));
    const stoppedTwice = await subscribe('sms', phone(1, 1), 'active', { orgId: 'org-reconcile' });
    const stillPending = await subscribe('sms', phone(1, 1), 'pending');
    const onLaterPage = await subscribe('sms', phone(1, 3));
    const keeps = await subscribe('sms', phone(1, 2));
    const email = await subscribe('email', `reconcile-${h.deps.ids.next().toLowerCase()}@example.org`);
    const carrier = memorySmsOptOuts(2);
    for (const n of [phone(1, 1), phone(1, 3), phone(1, 9), 'not-a-number']) carrier.optOut(n);

    const result = await reconcileSmsOptOuts({ ...h.deps, smsOptOuts: carrier });

    expect(result).toEqual({ optedOut: 4, suspended: 3, unreadable: 1 });
    for (const s of [stopped, stoppedTwice, onLaterPage]) expect(await statusOf(s)).toEqual({ status: 'suspended', reason: 'opted-out' });
    expect(await statusOf(stillPending)).toEqual({ status: 'pending', reason: undefined });
    expect(await statusOf(keeps)).toEqual({ status: 'active', reason: undefined });
    expect(await statusOf(email)).toEqual({ status: 'active', reason: undefined });
    const matched = await matchedSms();
    expect(matched).toContain(keeps.id);
    for (const s of [stopped, stoppedTwice, onLaterPage]) expect(matched).not.toContain(s.id);
    const audit = (await h.deps.auditLog.list(100)).items.filter((e) => e.action === 'subscription.suspended' && [stopped.id, stoppedTwice.id, onLaterPage.id].includes(e.target.id));
    expect(audit).toHaveLength(3);
    for (const entry of audit) {
      expect(entry.actor).toEqual({ system: 'sms-opt-out-reconciliation' });
      expect(entry.details).toEqual({ channel: 'sms', reason: 'opted-out' });
      expect(JSON.stringify(entry)).not.toContain(phone(1, 1).slice(1));
    }
  });

  it('changes nothing on a second run, nor for numbers it never had', async () => {
    const stopped = await subscribe('sms', phone(2, 1));
    const carrier = memorySmsOptOuts();
    carrier.optOut(phone(2, 1));
    carrier.optOut(phone(2, 7));
    expect(await reconcileSmsOptOuts({ ...h.deps, smsOptOuts: carrier })).toEqual({ optedOut: 2, suspended: 1, unreadable: 0 });
    const updatedAt = (await h.deps.subscriptions.get(stopped.id))?.updatedAt;
    expect(await reconcileSmsOptOuts({ ...h.deps, smsOptOuts: carrier })).toEqual({ optedOut: 2, suspended: 0, unreadable: 0 });
    expect((await h.deps.subscriptions.get(stopped.id))?.updatedAt).toBe(updatedAt);
  });

  it('finds a number the carrier lists without its leading +', async () => {
    const stopped = await subscribe('sms', phone(3, 1));
    const carrier = memorySmsOptOuts();
    carrier.optOut(phone(3, 1).slice(1));
    expect(await reconcileSmsOptOuts({ ...h.deps, smsOptOuts: carrier })).toMatchObject({ suspended: 1 });
    expect(await statusOf(stopped)).toEqual({ status: 'suspended', reason: 'opted-out' });
  });
});

describe('local mode: a STOP reply through the dev route', () => {
  it('refuses SMS to the number at once and pauses its subscriptions on the scheduled run', async () => {
    const stopped = await subscribe('sms', phone(4, 1));
    const res = await call(h, 'POST', '/v1/dev/sms-opt-outs', { body: { phoneNumber: `${phone(4, 1).slice(0, 4)} ${phone(4, 1).slice(4)}` } });
    expect(res.status).toBe(204);

    await expect(h.deps.sms.sendSms({ to: phone(4, 1), text: 'hello' })).rejects.toBeInstanceOf(RecipientRejectedError);
    expect(h.deps.outbox!.list().filter((m) => m.to === phone(4, 1))).toEqual([]);

    const run = await schedulerHandler(localSchedulerDeps(h.deps, { requeue: async () => {} }))({ task: 'reconcile-sms-opt-outs' });
    expect(run.smsOptOuts?.suspended).toBeGreaterThanOrEqual(1);
    expect(await statusOf(stopped)).toEqual({ status: 'suspended', reason: 'opted-out' });
  });

  it('tells an organization that a number opted out (422 on address), answers anyone else as for any number, and sends nothing', async () => {
    h.deps.smsOptOuts!.optOut(phone(6, 1));
    const member = await addPerson(h, 'member');
    const subscribe = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'sms', address: phone(6, 1), countries: ['KE'] } });
    expect(subscribe.status).toBe(422);
    expect(subscribe.json.errors).toEqual([{ path: 'address', message: expect.stringContaining('opted out') }]);
    // Anonymous: the answer any number gets, so opt-outs cannot be enumerated (docs/security.md, finding 3).
    const anonymous = await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'sms', address: phone(6, 1), countries: ['KE'] }, client: '192.0.2.61' });
    expect(anonymous.status).toBe(201);
    expect(anonymous.json.status).toBe('pending');

    const request = await call(h, 'POST', '/v1/personal-data/requests', { body: { address: phone(6, 1) }, client: '192.0.2.62' });
    const unknown = await call(h, 'POST', '/v1/personal-data/requests', { body: { address: phone(6, 2) }, client: '192.0.2.63' });
    expect([request.status, request.text]).toEqual([unknown.status, unknown.text]);
    expect(h.deps.outbox!.list().filter((m) => m.to === phone(6, 1))).toEqual([]);
  });

  it('refuses a body without a valid phone number, naming the field', async () => {
    const res = await call(h, 'POST', '/v1/dev/sms-opt-outs', { body: { phoneNumber: '0712 345678' } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(res.json)).toContain('phoneNumber');
  });

  it('does not exist outside local mode', async () => {
    const aws = await makeHarness({ config: { ...h.deps.config, mode: 'aws' } });
    const res = await call(aws, 'POST', '/v1/dev/sms-opt-outs', { body: { phoneNumber: phone(5, 1) } });
    expect(res.status).toBe(404);
  });
});
