import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMessageBus } from '../../../infra/local/message-bus';
import { registerWorkers } from '../../../infra/local/workers';
import type { Announcement } from '../../../shared/domain/announcement';
import { announcementOf, announceOnBus } from '../../support/announce';
import type { Subscription } from '../../../shared/domain/subscription';
import type { DeliveryStore } from '../../../shared/ports/delivery-store';
import { followSignInLink } from '../../support/pages';
import { addPerson, alertInput, BASE_URL, call, makeHarness, type Harness } from '../../support/harness';

/**
 * Per-subscription delivery health, recorded as the delivery workers settle
 * deliveries (driven by the local bus against DynamoDB Local and a real
 * HTTP receiver), and shown in the member portal and `GET /v1/subscriptions`.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  member = await addPerson(h, 'member');
});

async function webhook(url: string, country: string): Promise<Subscription> {
  const sub: Subscription = {
    id: h.deps.ids.next(),
    status: 'active',
    channel: 'webhook',
    orgId: member.orgId,
    url,
    secret: 'whsec_test_secret_0123456789abcdef',
    createdAt: h.deps.clock.now(),
    filters: { countries: [country], regions: [], kinds: [] },
  };
  await h.deps.subscriptions.create(sub, []);
  return sub;
}

async function publish(country: string): Promise<Announcement> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput([country], 'TLP:GREEN') });
  const id = created.json.id as string;
  expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);
  const v = (await h.deps.publications.get(id))!.current!;
  return announcementOf(v);
}

/** Settles go through to the real store; each call is kept so that a test can repeat one. */
function recordingStore() {
  const settles: Parameters<DeliveryStore['settle']>[] = [];
  const deliveries = Object.create(h.deps.deliveries) as DeliveryStore;
  deliveries.settle = async (...args) => {
    settles.push(args);
    return h.deps.deliveries.settle(...args);
  };
  return { deliveries, settles };
}

function busWith(deliveries: DeliveryStore = h.deps.deliveries) {
  const bus = createMessageBus({ backoff: () => 0 });
  registerWorkers(bus, { ...h.deps, deliveries }, { sleep: async () => {} });
  return bus;
}

async function announce(bus: ReturnType<typeof busWith>, a: Announcement) {
  await announceOnBus(bus, a);
}

/** An HTTP receiver answering the i-th request with statuses[i] (the last one from then on). */
async function receiver(statuses: number[]) {
  let count = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(statuses[Math.min(count++, statuses.length - 1)]!).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, requests: () => count, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function healthOf(id: string) {
  return (await h.deps.deliveries.healthOf([id])).get(id);
}

async function signIn(personId: string): Promise<string> {
  const email = (await h.deps.directory.getPerson(personId))!.email;
  const form = new URLSearchParams({ email }).toString();
  await h.app.request(new Request(`${BASE_URL}/sign-in`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL } }));
  const text = h.deps.outbox!.list().find((m) => m.to === email)?.text ?? '';
  const link = /(http\S+\/sign-in\/callback\?\S+)/.exec(text)![1]!;
  const res = await followSignInLink(h, link);
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function portalText(cookie: string): Promise<string> {
  const res = await h.app.request(new Request(`${BASE_URL}/portal`, { headers: { cookie } }));
  expect(res.status).toBe(200);
  // Collapse markup so that the sentence reads as a person (or a screen reader) gets it.
  return (await res.text()).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
}

const INSTANT = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC';

describe('delivery health', () => {
  it('counts failed rounds, resets consecutive failures on success, and shows both in the portal and the API', async () => {
    // Three attempts per receive: two failing receives, then a success.
    const hook = await receiver([500, 500, 500, 503, 503, 503, 200]);
    const sub = await webhook(hook.url, 'CL');
    const idle = await webhook('https://hooks.example.org/idle', 'IS');
    const cookie = await signIn(member.personId);
    const bus = busWith();
    await announce(bus, await publish('CL'));

    await bus.pump();
    expect(await healthOf(sub.id)).toMatchObject({ sent: 0, retried: 1, failed: 0, deadLettered: 0, consecutiveFailures: 1, lastFailureReason: 'http-500' });
    await bus.pump();
    const failing = (await healthOf(sub.id))!;
    expect(failing).toMatchObject({ sent: 0, retried: 2, consecutiveFailures: 2, lastFailureReason: 'http-503' });
    expect(failing.lastSuccessAt).toBeUndefined();
    expect(await portalText(cookie)).toMatch(new RegExp(`Failing — 2 consecutive failures, last: http-503 at ${INSTANT}`));

    await bus.drain();
    expect(hook.requests()).toBe(7);
    const healthy = (await healthOf(sub.id))!;
    expect(healthy).toMatchObject({ sent: 1, retried: 2, failed: 0, deadLettered: 0, consecutiveFailures: 0, lastFailureReason: 'http-503' });
    expect(healthy.lastSuccessAt).toBe(healthy.lastAttemptAt);
    expect(Date.parse(healthy.lastSuccessAt!)).toBeGreaterThanOrEqual(Date.parse(healthy.lastFailureAt!));

    const page = await portalText(cookie);
    expect(page).toMatch(new RegExp(`Healthy — last delivered ${INSTANT}`));
    expect(page).toContain('No deliveries yet'); // the idle subscription
    expect(page).not.toContain('not available yet');

    const list = await call(h, 'GET', '/v1/subscriptions', { key: member.key });
    expect(list.status).toBe(200);
    const items = list.json.items as Record<string, any>[];
    const listed = items.find((i) => i.id === sub.id)!;
    expect(listed).toMatchObject({ id: sub.id, channel: 'webhook', status: 'active', url: hook.url, countries: ['CL'] });
    expect(listed.health).toEqual({
      status: 'healthy',
      sent: 1,
      failed: 0,
      deadLettered: 0,
      retried: 2,
      consecutiveFailures: 0,
      lastAttemptAt: healthy.lastAttemptAt,
      lastSuccessAt: healthy.lastSuccessAt,
      lastFailureAt: healthy.lastFailureAt,
      lastFailureReason: 'http-503',
    });
    expect(items.find((i) => i.id === idle.id)).not.toHaveProperty('health');
    await hook.close();
  });

  it('does not count a redelivered announcement or a repeated settle twice', async () => {
    const hook = await receiver([200]);
    const sub = await webhook(hook.url, 'PY');
    const { deliveries, settles } = recordingStore();
    const bus = busWith(deliveries);
    const a = await publish('PY');
    await announce(bus, a);
    await bus.drain();
    const once = await healthOf(sub.id);
    expect(once).toMatchObject({ sent: 1, consecutiveFailures: 0 });

    // The same announcement again (an SNS/SQS redelivery): the claim finds the item sent and skips it.
    await announce(bus, a);
    await bus.drain();
    expect(hook.requests()).toBe(1);
    expect(await healthOf(sub.id)).toEqual(once);

    // The same settle again (a retried call): its claim token no longer holds, so nothing is counted.
    const mine = settles.find(([key]) => key.subscriptionId === sub.id)!;
    expect(await h.deps.deliveries.settle(...mine)).toBe(false);
    expect(await h.deps.deliveries.settle(mine[0], mine[1], { state: 'failed', reason: 'http-500' }, h.deps.clock.now())).toBe(false);
    expect(await healthOf(sub.id)).toEqual(once);
    await hook.close();
  });

  it('counts a refusal for good and a dead-lettered delivery, with reason codes only', async () => {
    const gone = await receiver([410]);
    const broken = await receiver([500]);
    const goneSub = await webhook(gone.url, 'BO');
    const brokenSub = await webhook(broken.url, 'BO');
    const bus = busWith();
    await announce(bus, await publish('BO'));
    await bus.drain();
    expect(await healthOf(goneSub.id)).toMatchObject({ sent: 0, failed: 1, retried: 0, consecutiveFailures: 1, lastFailureReason: 'http-410' });
    // Five receives (maxReceiveCount): four left to a retry, the last dead-lettered.
    expect(await healthOf(brokenSub.id)).toMatchObject({ sent: 0, retried: 4, deadLettered: 1, consecutiveFailures: 5, lastFailureReason: 'http-500' });
    await Promise.all([gone.close(), broken.close()]);
  });

  it('reads the health of more subscriptions than one BatchGetItem call takes', async () => {
    const ids = Array.from({ length: 150 }, () => h.deps.ids.next());
    const key = { publicationId: h.deps.ids.next(), version: 1, subscriptionId: ids[120]! };
    const now = h.deps.clock.now();
    await h.deps.deliveries.claim({ ...key, channel: 'email', deliveryId: 'd', claimedBy: 'm', claimToken: 't', now, abandonedBefore: now, reclaimAbandoned: false });
    expect(await h.deps.deliveries.settle(key, 't', { state: 'failed', reason: 'opted-out' }, now)).toBe(true);
    const health = await h.deps.deliveries.healthOf([...ids, ids[120]!]);
    expect([...health.keys()]).toEqual([ids[120]]);
    expect(health.get(ids[120]!)).toMatchObject({ failed: 1, consecutiveFailures: 1, lastFailureReason: 'opted-out', lastFailureAt: now });
  });
});
