import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app';
import type { LocalApiDeps } from '../../../functions/wiring/local';
import { dynamoDeps } from '../../../functions/wiring/dynamo-deps';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import { httpWebhookSender } from '../../../shared/adapters/webhook/http-webhook-sender';
import type { Announcement } from '../../../shared/domain/announcement';
import { announcementOf, announceOnBus } from '../../support/announce';
import type { Subscription } from '../../../shared/domain/subscription';
import { RecipientRejectedError } from '../../../shared/errors';
import type { BulkEmail, EmailMessage, SmsMessage } from '../../../shared/ports/messaging';
import { sendBulkByCopies } from '../../../shared/adapters/email/bulk-by-copies';
import { createMessageBus } from '../../../infra/local/message-bus';
import { registerWorkers, type LocalWorkerOptions } from '../../../infra/local/workers';
import { addPerson, alertInput, BASE_URL, call, makeHarness, type Harness } from '../../support/harness';
import { recipientOutcomes } from '../../support/fan-out';
import { CHANNEL_NAMES } from '../../../shared/domain/channel';
import { dumpTable } from '../../support/table-dump';
import { publicationInconsistencies } from '../../support/table-consistency';

/**
 * Faults injected around the real handlers on the local runtime's bus:
 * DynamoDB throttling and timeouts under the SDK's own retry strategy,
 * SES/SNS errors, misbehaving webhook endpoints. The outcome asserted each
 * time: every matched recipient ends delivered exactly once, or failed or
 * dead-lettered with a reason; the table is consistent; no duplicate alert.
 * (A worker crashing mid-batch: tests/integration/delivery/delivery-workers.test.ts;
 * the process killed during a publish: crash-restart.test.ts.)
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;
const servers: http.Server[] = [];

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  member = await addPerson(h, 'member');
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A small seeded generator, so a failing run can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface FaultPlan {
  /** Fraction of calls refused with ProvisionedThroughputExceededException before reaching the table. */
  throttle: number;
  /** Fraction of calls that time out before reaching the table. */
  timeoutBefore: number;
  /** Fraction of calls that reach the table and then time out (the caller cannot know the write happened). */
  timeoutAfter: number;
}

/** The product's document client (its retry strategy and attempts) with a fault-injecting step inside the retry loop. */
function faultyClient(plan: FaultPlan, seed: number) {
  const db: DynamoDBDocumentClient = createDocumentClient({ tableName: h.tableName, endpoint: h.endpoint });
  const random = prng(seed);
  const injected = { throttle: 0, timeoutBefore: 0, timeoutAfter: 0, calls: 0 };
  const timeout = () => Object.assign(new Error('injected socket timeout'), { name: 'TimeoutError' });
  db.middlewareStack.add(
    (next) => async (args) => {
      injected.calls += 1;
      const roll = random();
      if (roll < plan.throttle) {
        injected.throttle += 1;
        throw new ProvisionedThroughputExceededException({ message: 'injected throttling', $metadata: { httpStatusCode: 400 } });
      }
      if (roll < plan.throttle + plan.timeoutBefore) {
        injected.timeoutBefore += 1;
        throw timeout();
      }
      const result = await next(args);
      if (roll < plan.throttle + plan.timeoutBefore + plan.timeoutAfter) {
        injected.timeoutAfter += 1;
        throw timeout();
      }
      return result;
    },
    { step: 'deserialize', name: 'injectFaults', priority: 'low' },
  );
  return { db, injected };
}

function depsOn(db: DynamoDBDocumentClient, extra: Partial<LocalApiDeps> = {}): LocalApiDeps {
  const logger = process.env.FAULT_DEBUG ? jsonLogger({}, (line) => console.error(line), 'warn') : h.deps.logger;
  return { ...h.deps, ...dynamoDeps(db, h.tableName, h.deps.clock, h.deps.ids), logger, ...extra };
}

let serial = 0;
async function subscribe(channel: 'email' | 'sms' | 'webhook', country: string, extra: Partial<Subscription> = {}): Promise<Subscription> {
  serial += 1;
  const sub: Subscription = {
    id: h.deps.ids.next(),
    status: 'active',
    createdAt: h.deps.clock.now(),
    channel,
    filters: { countries: [country], regions: [], kinds: [] },
    ...(channel === 'email' ? { address: `fault${serial}@example.org` } : {}),
    ...(channel === 'sms' ? { address: `+1202555${String(2000 + serial).slice(-4)}` } : {}),
    ...(channel === 'webhook' ? { orgId: member.orgId, secret: 'whsec_fault_injection_0123456789' } : {}),
    ...extra,
  };
  await h.deps.subscriptions.create(sub, []);
  return sub;
}

async function request(app: ReturnType<typeof createApp>['app'], method: string, path: string, body?: unknown) {
  const res = await app.request(
    new Request(`${BASE_URL}${path}`, { method, headers: { authorization: `Bearer ${publisher.key}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) }),
  );
  return { status: res.status, text: await res.text() };
}

async function announcementFor(id: string): Promise<Announcement> {
  const v = (await h.deps.publications.get(id))!.current!;
  return announcementOf(v);
}

function busFor(deps: LocalApiDeps, options: LocalWorkerOptions = {}) {
  const bus = createMessageBus({ backoff: () => 0 });
  registerWorkers(bus, deps, { sleep: async () => {}, ...options });
  return bus;
}

async function announce(bus: ReturnType<typeof busFor>, a: Announcement) {
  await announceOnBus(bus, a);
}

/** What the fan-out chunks of a version record for each recipient, on every channel. */
async function deliveries(a: Announcement): Promise<{ subscriptionId: string; state: string; reason?: string }[]> {
  const items: { subscriptionId: string; state: string; reason?: string }[] = [];
  for (const channel of CHANNEL_NAMES) {
    for (const [subscriptionId, outcome] of await recipientOutcomes(h, a, channel)) items.push({ subscriptionId, ...outcome });
  }
  return items;
}

/** Every matched recipient ends sent, or failed/dead-lettered with a reason; nothing is left in flight. */
function expectSettled(items: Awaited<ReturnType<typeof deliveries>>, subs: Subscription[]) {
  expect(items.map((i) => i.subscriptionId).sort()).toEqual(subs.map((s) => s.id).sort());
  for (const item of items) {
    expect(['sent', 'failed', 'dead-lettered'], JSON.stringify(item)).toContain(item.state);
    if (item.state !== 'sent') expect(item.reason, JSON.stringify(item)).toBeTruthy();
  }
}

const sentTo = (address: string, id: string) => h.deps.outbox!.list().filter((m) => m.to === address && m.text.includes(id));

describe('DynamoDB throttling and timeouts', () => {
  it('publishes and fans out through throttling and timeouts: consistent table, each recipient once', { timeout: 120_000 }, async () => {
    const { db, injected } = faultyClient({ throttle: 0.12, timeoutBefore: 0.04, timeoutAfter: Number(process.env.FAULT_AFTER ?? 0.02) }, Number(process.env.FAULT_SEED ?? 42));
    const deps = depsOn(db);
    const { app } = createApp(deps);
    const subs = [];
    for (let i = 0; i < 6; i += 1) subs.push(await subscribe('email', 'GH', i % 2 ? { filters: { countries: [], regions: ['AF'], kinds: [] } } : {}));

    const published: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const created = await request(app, 'POST', '/v1/publications', alertInput(['GH'], 'TLP:CLEAR', { title: `Throttled alert ${i}` }));
      expect(created.status, created.text).toBeLessThan(500);
      // An ambiguous timeout on the create may leave a draft the caller never heard of; the caller retries, as a client would.
      const id = created.status === 201 ? (JSON.parse(created.text) as { id: string }).id : undefined;
      if (!id) continue;
      const pub = await request(app, 'POST', `/v1/publications/${id}/publish`);
      expect(pub.status, pub.text).toBeLessThan(500);
      // A write that landed but timed out is retried by the SDK, and the retry's condition then fails (409/412): the table says what happened.
      if ((await h.deps.publications.get(id))?.state === 'published') published.push(id);
    }
    expect(published.length).toBeGreaterThanOrEqual(2);
    expect(publicationInconsistencies(await dumpTable(h))).toEqual([]);

    const bus = busFor(deps);
    for (const id of published) {
      const a = await announcementFor(id);
      await announce(bus, a);
      await announce(bus, a); // SNS delivers at least once
    }
    await bus.drain();
    await bus.drain();
    for (const id of published) {
      const items = await deliveries(await announcementFor(id));
      expectSettled(items, subs);
      for (const s of subs) {
        const state = items.find((i) => i.subscriptionId === s.id)!.state;
        expect(sentTo(s.address!, id).length, `${s.address} for ${id} (${state})`).toBe(state === 'sent' ? 1 : 0);
      }
    }
    expect(injected.throttle).toBeGreaterThan(5);
    expect(injected.timeoutBefore + injected.timeoutAfter).toBeGreaterThan(2);
    expect(bus.deadLetters('email')).toEqual([]);
  });
});

describe('fan-out writes that land but time out', () => {
  it('are not lost or counted twice: the SDK retries each as the same write, and every recipient gets one message', { timeout: 60_000 }, async () => {
    const db: DynamoDBDocumentClient = createDocumentClient({ tableName: h.tableName, endpoint: h.endpoint });
    const seen = new Set<string>();
    db.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const input = JSON.stringify(args.input);
        // The first attempt of every fan-out write (chunk creation, lease, batch record, round end) reaches the table, then its answer is lost.
        const write = ['TransactItems', 'UpdateExpression'].some((k) => k in (args.input as object));
        if (write && input.includes('FANOUT#') && !seen.has(input)) {
          seen.add(input);
          throw Object.assign(new Error('injected socket timeout'), { name: 'TimeoutError' });
        }
        return result;
      },
      { step: 'deserialize', name: 'loseFanOutWriteAnswers', priority: 'low' },
    );
    const subs = [await subscribe('email', 'NO'), await subscribe('email', 'NO'), await subscribe('sms', 'NO')];
    const app = createApp(h.deps).app;
    const id = (JSON.parse((await request(app, 'POST', '/v1/publications', alertInput(['NO'], 'TLP:CLEAR'))).text) as { id: string }).id;
    await request(app, 'POST', `/v1/publications/${id}/publish`);
    const a = await announcementFor(id);
    const bus = busFor(depsOn(db));
    await announce(bus, a);
    await bus.drain();
    expect(seen.size).toBeGreaterThan(10);
    const items = await deliveries(a);
    expectSettled(items, subs);
    for (const s of subs) {
      expect(items.find((i) => i.subscriptionId === s.id)!.state).toBe('sent');
      expect(sentTo(s.address!, id)).toHaveLength(1);
    }
    const status = await call(h, 'GET', `/v1/publications/${id}/deliveries`, { key: publisher.key });
    expect(status.json.versions[0].channels.email).toMatchObject({ matched: 2, sent: 2, pending: 0 });
    expect(status.json.versions[0].channels.sms).toMatchObject({ matched: 1, sent: 1, pending: 0 });
  });
});

describe('SES and SNS errors', () => {
  it('retries throttled sends, records rejected recipients, and dead-letters a sender that keeps failing, with reasons', { timeout: 60_000 }, async () => {
    const throttledOnce = await subscribe('email', 'PE');
    const rejected = await subscribe('email', 'PE');
    const broken = await subscribe('email', 'PE');
    const fine = await subscribe('email', 'PE');
    const smsThrottled = await subscribe('sms', 'PE');
    const smsBroken = await subscribe('sms', 'PE');
    const outbox = h.deps.outbox!;
    const calls = new Map<string, number>();
    const count = (to: string) => {
      const n = (calls.get(to) ?? 0) + 1;
      calls.set(to, n);
      return n;
    };
    const awsError = (name: string, status: number) => Object.assign(new Error(`injected ${name}`), { name, $metadata: { httpStatusCode: status } });
    const sendEmail = async (m: EmailMessage) => {
      const n = count(m.to);
      if (m.to === throttledOnce.address && n <= 2) throw awsError('TooManyRequestsException', 429);
      if (m.to === rejected.address) throw new RecipientRejectedError('suppressed', 'on the account suppression list');
      if (m.to === broken.address) throw awsError('InternalFailure', 500);
      return outbox.sendEmail(m);
    };
    const email = { sendEmail, sendBulkEmail: (bulk: BulkEmail) => sendBulkByCopies(sendEmail, bulk) };
    const sms = {
      async sendSms(m: SmsMessage) {
        const n = count(m.to);
        if (m.to === smsThrottled.address && n === 1) throw awsError('ThrottlingException', 400);
        if (m.to === smsBroken.address) throw awsError('InternalErrorException', 500);
        return outbox.sendSms(m);
      },
    };
    const bus = busFor({ ...h.deps, email, sms });
    const created = await request(createApp(h.deps).app, 'POST', '/v1/publications', alertInput(['PE'], 'TLP:CLEAR'));
    const id = (JSON.parse(created.text) as { id: string }).id;
    await request(createApp(h.deps).app, 'POST', `/v1/publications/${id}/publish`);
    const a = await announcementFor(id);
    await announce(bus, a);
    await bus.drain();
    await bus.drain();

    const items = await deliveries(a);
    expectSettled(items, [throttledOnce, rejected, broken, fine, smsThrottled, smsBroken]);
    const stateOf = (s: Subscription) => items.find((i) => i.subscriptionId === s.id)!;
    for (const s of [throttledOnce, fine, smsThrottled]) {
      expect(stateOf(s).state, s.address).toBe('sent');
      expect(sentTo(s.address!, id), s.address).toHaveLength(1);
    }
    expect(stateOf(rejected)).toMatchObject({ state: 'failed', reason: expect.stringContaining('suppressed') });
    expect(stateOf(broken)).toMatchObject({ state: 'dead-lettered', reason: expect.stringContaining('InternalFailure') });
    expect(stateOf(smsBroken)).toMatchObject({ state: 'dead-lettered', reason: expect.stringContaining('InternalErrorException') });
    for (const s of [rejected, broken, smsBroken]) expect(sentTo(s.address!, id)).toHaveLength(0);
  });
});

type Behaviour = 'hang' | 'reset' | 'always-500' | '429-then-ok' | '500-then-ok' | 'ok';

async function endpoint(behaviour: Behaviour) {
  const received: { id: string; answered: number }[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const n = received.push({ id: String(req.headers['outpost-delivery']), answered: 0 });
      const answer = (status: number, headers: Record<string, string> = {}) => {
        received[n - 1]!.answered = status;
        res.writeHead(status, headers).end();
      };
      if (behaviour === 'hang') return; // never answers: the sender's timeout ends it
      if (behaviour === 'reset') return req.socket.destroy();
      if (behaviour === 'always-500') return answer(500);
      if (behaviour === '429-then-ok') return n <= 2 ? answer(429, { 'retry-after': '0' }) : answer(204);
      if (behaviour === '500-then-ok') return n <= 1 ? answer(500) : answer(200);
      return answer(200);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe('webhook endpoints that misbehave', () => {
  it('delivers once to endpoints that recover, and dead-letters ones that hang, reset or fail, each with a reason', { timeout: 90_000 }, async () => {
    const kinds: Behaviour[] = ['hang', 'reset', 'always-500', '429-then-ok', '500-then-ok', 'ok'];
    const endpoints = await Promise.all(kinds.map(endpoint));
    const subs = await Promise.all(endpoints.map((e) => subscribe('webhook', 'TH', { url: e.url })));
    // The real HTTP sender with a short timeout, so a hanging endpoint costs little test time.
    const real = httpWebhookSender({ allowLoopback: true });
    const bus = busFor(h.deps, { webhooks: { post: (r) => real.post({ ...r, timeoutMs: 300 }) } });
    const app = createApp(h.deps).app;
    const id = (JSON.parse((await request(app, 'POST', '/v1/publications', alertInput(['TH'], 'TLP:GREEN'))).text) as { id: string }).id;
    await request(app, 'POST', `/v1/publications/${id}/publish`);
    const a = await announcementFor(id);
    await announce(bus, a);
    await announce(bus, a);
    await bus.drain();
    await bus.drain();

    const items = await deliveries(a);
    expectSettled(items, subs);
    const byKind = Object.fromEntries(kinds.map((k, i) => [k, { sub: subs[i]!, endpoint: endpoints[i]!, item: items.find((x) => x.subscriptionId === subs[i]!.id)! }]));
    for (const k of ['429-then-ok', '500-then-ok', 'ok'] as const) {
      const { endpoint: e, item } = byKind[k]!;
      expect(item.state, k).toBe('sent');
      expect(e.received.filter((r) => r.answered >= 200 && r.answered < 300), k).toHaveLength(1);
      expect(new Set(e.received.map((r) => r.id)).size, `${k}: one Outpost-Delivery id across retries`).toBe(1);
    }
    expect(byKind.hang!.item).toMatchObject({ state: 'dead-lettered', reason: expect.stringMatching(/timeout/) });
    expect(byKind.reset!.item).toMatchObject({ state: 'dead-lettered', reason: expect.stringMatching(/ECONNRESET|socket|hang up/i) });
    expect(byKind['always-500']!.item).toMatchObject({ state: 'dead-lettered', reason: expect.stringMatching(/500/) });
    expect(bus.deadLetters('webhook').length).toBeGreaterThan(0);
  });
});
