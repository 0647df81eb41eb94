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

/** Batch records and round ends go through to the real store; each call is kept so that a test can repeat one. */
function recordingStore() {
  const batches: Parameters<DeliveryStore['recordBatch']>[] = [];
  const rounds: Parameters<DeliveryStore['finishRound']>[] = [];
  const deliveries = Object.create(h.deps.deliveries) as DeliveryStore;
  deliveries.recordBatch = async (...args) => {
    batches.push(args);
    return h.deps.deliveries.recordBatch(...args);
  };
  deliveries.finishRound = async (...args) => {
    rounds.push(args);
    return h.deps.deliveries.finishRound(...args);
  };
  return { deliveries, batches, rounds };
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

/** Polling rounds of the bus, one at a time, until `done` (at most 500). */
async function pumpUntil(bus: ReturnType<typeof busWith>, done: () => Promise<boolean>): Promise<void> {
  for (let round = 0; round < 500; round += 1) {
    if (await done()) return;
    await bus.pump();
  }
  throw new Error('the bus never got there');
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

async function portalText(cookie: string, subscriptionId?: string): Promise<string> {
  const res = await h.app.request(new Request(`${BASE_URL}/portal`, { headers: { cookie } }));
  expect(res.status).toBe(200);
  const html = await res.text();
  const row = subscriptionId ? new RegExp(`<tr id="subscription-${subscriptionId}">[\\s\\S]*?</tr>`).exec(html)?.[0] : html;
  expect(row, `the portal's row of ${subscriptionId}`).toBeTruthy();
  // Collapse markup so that the sentence reads as a person (or a screen reader) gets it.
  return row!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
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

    // The plan, then the parts, one polling round at a time, until the first receive of the part has failed.
    await pumpUntil(bus, async () => (await healthOf(sub.id)) !== undefined);
    expect(await healthOf(sub.id)).toMatchObject({ sent: 0, retried: 1, failed: 0, deadLettered: 0, consecutiveFailures: 1, lastFailureReason: 'http-500' });
    await pumpUntil(bus, async () => (await healthOf(sub.id))?.retried === 2);
    const failing = (await healthOf(sub.id))!;
    expect(failing).toMatchObject({ sent: 0, retried: 2, consecutiveFailures: 2, lastFailureReason: 'http-503' });
    expect(failing.lastSuccessAt).toBeUndefined();
    expect(await portalText(cookie, sub.id)).toMatch(new RegExp(`Retrying: 2 attempts, the endpoint answered HTTP 503 — last at ${INSTANT}`));

    await bus.drain();
    expect(hook.requests()).toBe(7);
    const healthy = (await healthOf(sub.id))!;
    expect(healthy).toMatchObject({ sent: 1, retried: 2, failed: 0, deadLettered: 0, consecutiveFailures: 0, lastFailureReason: 'http-503' });
    expect(healthy.lastSuccessAt).toBe(healthy.lastAttemptAt);
    expect(Date.parse(healthy.lastSuccessAt!)).toBeGreaterThanOrEqual(Date.parse(healthy.lastFailureAt!));

    const page = await portalText(cookie);
    expect(await portalText(cookie, sub.id)).toMatch(new RegExp(`Delivered — last at ${INSTANT}`));
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

  it('does not count a redelivered announcement or a repeated batch record twice', async () => {
    const hook = await receiver([200]);
    const sub = await webhook(hook.url, 'PY');
    const { deliveries, batches, rounds } = recordingStore();
    const bus = busWith(deliveries);
    const a = await publish('PY');
    await announce(bus, a);
    await bus.drain();
    const once = await healthOf(sub.id);
    expect(once).toMatchObject({ sent: 1, consecutiveFailures: 0 });

    // The same announcement again (an SNS/SQS redelivery): its part finds the chunk done and skips it.
    await announce(bus, a);
    await bus.drain();
    expect(hook.requests()).toBe(1);
    expect(await healthOf(sub.id)).toEqual(once);

    // The same batch record and round end again (a retried call): the lease they name is gone, so nothing is counted.
    const batch = batches.find(([, , , outcome]) => outcome.sent.includes(sub.id))!;
    expect(await h.deps.deliveries.recordBatch(...batch)).toBe(false);
    expect(await h.deps.deliveries.recordBatch(batch[0], batch[1], batch[2], { sent: [], outcomes: { [sub.id]: { state: 'failed', reason: 'http-500' } } })).toBe(false);
    const round = rounds.find(([key]) => key.channel === 'webhook' && key.scope === 'c:PY' && batch[0].shard === key.shard)!;
    expect(await h.deps.deliveries.finishRound(...round)).toBe(false);
    expect(await healthOf(sub.id)).toEqual(once);
    const status = await call(h, 'GET', `/v1/publications/${a.publicationId}/deliveries`, { key: publisher.key });
    expect(status.json.versions[0].channels.webhook).toMatchObject({ matched: 1, sent: 1, pending: 0 });
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
    // The portal says where each stands, in words: nothing more will be tried for either.
    const cookie = await signIn(member.personId);
    expect(await portalText(cookie, goneSub.id)).toContain('Refused: the endpoint answered HTTP 410 — last at');
    expect(await portalText(cookie, brokenSub.id)).toContain('Gave up after 5 attempts: the endpoint answered HTTP 500 — last at');
    await Promise.all([gone.close(), broken.close()]);
  });

  it('reads the health of more subscriptions than one BatchGetItem call takes', async () => {
    const ids = Array.from({ length: 150 }, () => h.deps.ids.next());
    const now = h.deps.clock.now();
    await h.deps.deliveries.recordHealth(ids[120]!, 'failed', 'opted-out', now);
    const health = await h.deps.deliveries.healthOf([...ids, ids[120]!]);
    expect([...health.keys()]).toEqual([ids[120]]);
    expect(health.get(ids[120]!)).toMatchObject({ failed: 1, consecutiveFailures: 1, lastFailureReason: 'opted-out', lastFailureAt: now });
  });
});
