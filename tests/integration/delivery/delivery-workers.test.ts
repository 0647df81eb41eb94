import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import type { Announcement } from '../../../shared/domain/announcement';
import { announcementOf, announceOnBus } from '../../support/announce';
import type { Subscription } from '../../../shared/domain/subscription';
import { createMessageBus } from '../../../infra/local/message-bus';
import { registerWorkers, type LocalWorkerOptions } from '../../../infra/local/workers';
import { addPerson, alertInput, advisoryInput, call, makeHarness, type Harness } from '../../support/harness';
import { recipientOutcomes } from '../../support/fan-out';

/**
 * The delivery workers driven by the local bus with real SQS event shapes,
 * against DynamoDB Local (subscriptions, delivery items) and a real HTTP
 * receiver on 127.0.0.1.
 */
const logLines: string[] = [];
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let memberOrg: Awaited<ReturnType<typeof addPerson>>;
let otherOrg: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness({ logger: jsonLogger({ service: 'test' }, (line) => logLines.push(line)) });
  publisher = await addPerson(h, 'publisher');
  memberOrg = await addPerson(h, 'member');
  otherOrg = await addPerson(h, 'member');
});

let counter = 0;
async function subscribe(partial: Partial<Subscription> & Pick<Subscription, 'channel'>): Promise<Subscription> {
  counter += 1;
  const sub: Subscription = {
    id: h.deps.ids.next(),
    status: 'active',
    createdAt: h.deps.clock.now(),
    filters: { countries: [], regions: [], kinds: [] },
    ...(partial.channel === 'email' ? { address: `person${counter}@example.org` } : {}),
    ...(partial.channel === 'sms' ? { address: `+1202555${String(1000 + counter).slice(-4)}` } : {}),
    ...partial,
  };
  await h.deps.subscriptions.create(sub, []);
  return sub;
}

async function publish(input: Record<string, unknown>): Promise<Announcement> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: input });
  const id = created.json.id as string;
  if (input.kind === 'travel-advisory') {
    await call(h, 'POST', `/v1/publications/${id}/submit`, { key: publisher.key });
    const approver = await addPerson(h, 'publisher', publisher.org);
    await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key });
  }
  const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
  expect(published.status).toBe(200);
  const head = await h.deps.publications.get(id);
  const v = head!.current!;
  return announcementOf(v);
}

function busWith(options: LocalWorkerOptions = {}) {
  const bus = createMessageBus({ backoff: () => 0 });
  registerWorkers(bus, h.deps, { sleep: async () => {}, ...options });
  return bus;
}

async function announce(bus: ReturnType<typeof busWith>, a: Announcement) {
  await announceOnBus(bus, a);
}

const sentTo = (address: string) => h.deps.outbox!.list().filter((r) => r.to === address);

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}
async function receiver(statuses: number[]): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      res.writeHead(status, status === 429 ? { 'retry-after': '0' } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('delivery workers', () => {
  it('delivers a CLEAR alert exactly once per matching subscription, with text, HTML and unsubscribe headers', async () => {
    const bus = busWith();
    const kenya = await subscribe({ channel: 'email', filters: { countries: ['KE'], regions: [], kinds: [] } });
    const africa = await subscribe({ channel: 'email', filters: { countries: ['KE'], regions: ['AF'], kinds: [] } });
    const france = await subscribe({ channel: 'email', filters: { countries: ['FR'], regions: [], kinds: [] } });
    const a = await publish(alertInput(['KE'], 'TLP:CLEAR', { places: ['Nairobi CBD'] }));
    await announce(bus, a);
    await bus.drain();
    expect(sentTo(kenya.address!)).toHaveLength(1);
    expect(sentTo(africa.address!)).toHaveLength(1); // filed under c:KE and r:AF, delivered once
    expect(sentTo(france.address!)).toHaveLength(0);
    const mail = sentTo(kenya.address!)[0]!;
    expect(mail.text).toContain(`/publications/${a.publicationId}`);
    expect(mail.text).toContain('Nairobi CBD');
    expect(mail.html).toContain('Unsubscribe');
    expect(mail.headers?.['List-Unsubscribe']).toMatch(/^<http:\/\/outpost\.test\/subscribe\/unsubscribe\?token=.+>$/);
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    // Redelivery of the same announcement sends nothing again.
    await announce(bus, a);
    await bus.drain();
    expect(sentTo(kenya.address!)).toHaveLength(1);
  });

  it('names the level in an advisory email and honours minLevel', async () => {
    const bus = busWith();
    const any = await subscribe({ channel: 'email', filters: { countries: ['MX'], regions: [], kinds: [] } });
    const level4 = await subscribe({ channel: 'email', filters: { countries: ['MX'], regions: [], kinds: [], minLevel: 4 } });
    await announce(bus, await publish(advisoryInput('MX', 3)));
    await bus.drain();
    expect(sentTo(any.address!)[0]?.subject).toBe('Mexico – Level 3: Reconsider Travel');
    expect(sentTo(level4.address!)).toHaveLength(0);
  });

  it('never sends a GREEN alert to an anonymous subscriber, and an AMBER alert only to named organizations', async () => {
    const bus = busWith();
    const anonymous = await subscribe({ channel: 'email', filters: { countries: ['NG'], regions: [], kinds: [] } });
    const member = await subscribe({ channel: 'email', orgId: memberOrg.orgId, filters: { countries: ['NG'], regions: [], kinds: [] } });
    const other = await subscribe({ channel: 'email', orgId: otherOrg.orgId, filters: { countries: ['NG'], regions: [], kinds: [] } });
    const anonymousSms = await subscribe({ channel: 'sms', filters: { countries: ['NG'], regions: [], kinds: [] } });
    await announce(bus, await publish(alertInput(['NG'], 'TLP:GREEN')));
    await bus.drain();
    expect(sentTo(anonymous.address!)).toHaveLength(0);
    expect(sentTo(anonymousSms.address!)).toHaveLength(0);
    expect(sentTo(member.address!)).toHaveLength(1);
    expect(sentTo(member.address!)[0]!.text).toContain('TLP:GREEN');

    await announce(bus, await publish(alertInput(['NG'], 'TLP:AMBER', { recipients: [memberOrg.orgId], title: 'Amber one' })));
    await bus.drain();
    expect(sentTo(member.address!)).toHaveLength(2);
    expect(sentTo(other.address!)).toHaveLength(1); // the GREEN one only
    expect(sentTo(anonymous.address!)).toHaveLength(0);
  });

  it('splits a large fan-out into re-queued chunks and still sends each subscriber one message', async () => {
    const bus = busWith({ config: { email: { chunkSize: 3 } } });
    const subs = [];
    for (let i = 0; i < 8; i += 1) subs.push(await subscribe({ channel: 'email', filters: { countries: ['GH'], regions: i % 2 ? ['AF'] : [], kinds: [] } }));
    const a = await publish(alertInput(['GH'], 'TLP:CLEAR'));
    await announce(bus, a);
    await bus.drain();
    for (const s of subs) expect(sentTo(s.address!)).toHaveLength(1);
    const status = await call(h, 'GET', `/v1/publications/${a.publicationId}/deliveries`, { key: publisher.key });
    expect(status.status).toBe(200);
    // Eight here, plus the earlier Africa-wide subscription (r:AF).
    expect(status.json.versions[0].channels.email).toMatchObject({ matched: 9, sent: 9, failed: 0, deadLettered: 0, pending: 0 });
  });

  it('re-queues continuations as messages of their own on the queue, each received once, and each subscriber gets one message', async () => {
    const bus = createMessageBus({ backoff: () => 0 });
    const sent: string[] = [];
    const received: string[] = [];
    const send = bus.sendMessageBatch.bind(bus);
    bus.sendMessageBatch = async (queue, entries) => {
      const result = await send(queue, entries);
      sent.push(...result.successful.map((s) => s.messageId));
      return result;
    };
    const register = bus.registerConsumer.bind(bus);
    bus.registerConsumer = (queue, handler) =>
      register(queue, async (event) => {
        for (const record of event.Records) {
          if ((JSON.parse(record.body) as { type?: string }).type === 'outpost.fan-out-part') received.push(record.messageId);
        }
        return handler(event);
      });
    registerWorkers(bus, h.deps, { sleep: async () => {}, config: { email: { chunkSize: 3 } } });
    const subs = [];
    for (let i = 0; i < 8; i += 1) subs.push(await subscribe({ channel: 'email', filters: { countries: ['SN'], regions: [], kinds: [] } }));
    await announce(bus, await publish(alertInput(['SN'], 'TLP:CLEAR')));
    await bus.drain();
    // One part message per occupied scope and shard, and more for parts longer than one chunk of 3: each received once.
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(received).size).toBe(received.length);
    expect([...received].sort()).toEqual([...sent].sort());
    for (const s of subs) expect(sentTo(s.address!)).toHaveLength(1);
    expect(bus.depth('email') + bus.inFlight('email')).toBe(0);
  });

  it('sends SMS within two segments with the link, and suspends a number that opted out', async () => {
    const optedOut = await subscribe({ channel: 'sms', filters: { countries: ['PE'], regions: [], kinds: [] } });
    const fine = await subscribe({ channel: 'sms', filters: { countries: ['PE'], regions: [], kinds: [] } });
    const outbox = h.deps.outbox!;
    const { RecipientRejectedError } = await import('../../../shared/errors');
    const sms = { sendSms: async (m: { to: string; text: string }) => {
      if (m.to === optedOut.address) throw new RecipientRejectedError('opted-out', 'opted out');
      return outbox.sendSms(m);
    } };
    const bus = createMessageBus({ backoff: () => 0 });
    registerWorkers(bus, { ...h.deps, sms }, { sleep: async () => {} });
    const a = await publish(alertInput(['PE'], 'TLP:CLEAR', { summary: 'Protests are expected near the Plaza de Armas all week; '.repeat(10) }));
    await announce(bus, a);
    await bus.drain();
    const text = sentTo(fine.address!)[0]!.text;
    expect(text).toContain(`/publications/${a.publicationId}`);
    expect(text.length).toBeLessThanOrEqual(306);
    expect((await h.deps.subscriptions.get(optedOut.id))?.status).toBe('suspended');
  });

  it('delivers a signed webhook once to a receiver that fails twice, and dead-letters one that always fails without losing others', async () => {
    const flaky = await receiver([503, 500, 200]);
    const broken = await receiver([500]);
    const healthy = await receiver([200]);
    const secret = 'whsec_test_secret_0123456789abcdef';
    await subscribe({ channel: 'webhook', orgId: memberOrg.orgId, url: flaky.url, secret, filters: { countries: ['CL'], regions: [], kinds: [] } });
    const brokenSub = await subscribe({ channel: 'webhook', orgId: memberOrg.orgId, url: broken.url, secret, filters: { countries: ['CL'], regions: [], kinds: [] } });
    await subscribe({ channel: 'webhook', orgId: otherOrg.orgId, url: healthy.url, secret, filters: { countries: ['CL'], regions: [], kinds: [] } });
    const bus = busWith();
    const a = await publish(alertInput(['CL'], 'TLP:GREEN'));
    await announce(bus, a);
    await bus.drain();
    await bus.drain();

    const ok = flaky.received.filter((r) => r.body);
    expect(ok).toHaveLength(3);
    expect(new Set(ok.map((r) => r.headers['outpost-delivery'])).size).toBe(1);
    const last = ok[2]!;
    const [t, v1] = String(last.headers['outpost-signature']).split(',');
    expect(t).toMatch(/^t=\d+$/);
    expect(v1).toBe(`v1=${createHmac('sha256', secret).update(`${t!.slice(2)}.${last.body}`).digest('hex')}`);
    expect(JSON.parse(last.body).publication.id).toBe(a.publicationId);
    expect(healthy.received).toHaveLength(1);

    expect(broken.received.length).toBe(3 * 5); // three attempts per receive, five receives
    expect(bus.deadLetters('webhook')).toHaveLength(1);
    const status = await call(h, 'GET', `/v1/publications/${a.publicationId}/deliveries`, { key: publisher.key });
    expect(status.json.versions[0].channels.webhook).toMatchObject({ matched: 3, sent: 2, deadLettered: 1 });
    // The chunk records why, and a redrive of the dead letter tries that recipient again (and only it).
    const outcomes = await recipientOutcomes(h, a, 'webhook');
    expect(outcomes.get(brokenSub.id)).toEqual({ state: 'dead-lettered', reason: 'http-500' });
    bus.redrive('webhook');
    await bus.drain();
    expect(broken.received.length).toBe(3 * 5 * 2); // five more receives of three attempts, then the dead-letter queue again
    expect(flaky.received.filter((r) => r.body)).toHaveLength(3);
    await Promise.all([flaky.close(), broken.close(), healthy.close()]);
  });

  it('sends no duplicates when a worker crashes mid-batch and the batch is redelivered', async () => {
    const subs = [];
    for (let i = 0; i < 5; i += 1) subs.push(await subscribe({ channel: 'email', filters: { countries: ['UY'], regions: [], kinds: [] } }));
    const outbox = h.deps.outbox!;
    let sends = 0;
    let crashed = false;
    // The first batch record "crashes" the worker (as a timeout would): the handler throws after the batch was sent.
    const deliveries = Object.create(h.deps.deliveries) as typeof h.deps.deliveries;
    deliveries.recordBatch = async (...args) => {
      if (!crashed && (sends += 1) === 1) {
        crashed = true;
        throw new Error('worker crashed');
      }
      return h.deps.deliveries.recordBatch(...args);
    };
    let now = Date.parse('2030-01-01T00:00:00Z');
    const clock = { now: () => new Date(now).toISOString() };
    const bus = createMessageBus({ backoff: () => 0 });
    registerWorkers(bus, { ...h.deps, deliveries, clock }, { config: { email: { concurrency: 1 } } });
    await announce(bus, await publish(alertInput(['UY'], 'TLP:CLEAR')));
    await bus.pump();
    now += 10 * 60 * 1000; // past the lease: the batch in flight is recorded failed (outcome unknown), not resent
    await bus.drain();
    for (const s of subs) expect(outbox.list().filter((r) => r.to === s.address).length).toBeLessThanOrEqual(1);
    expect(subs.filter((s) => outbox.list().some((r) => r.to === s.address))).toHaveLength(5);
  });

  it('serves the outbox in local mode only, newest first', async () => {
    const res = await call(h, 'GET', '/v1/dev/outbox');
    expect(res.status).toBe(200);
    const list = res.json as unknown as { createdAt: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect([...list].sort((x, y) => (x.createdAt < y.createdAt ? 1 : -1))[0]!.createdAt).toBe(list[0]!.createdAt);
    const aws = await makeHarness({ config: { ...h.deps.config, mode: 'aws' } });
    expect((await call(aws, 'GET', '/v1/dev/outbox')).status).toBe(404);
  });

  it('hides delivery status from other organizations', async () => {
    const a = await publish(alertInput(['AR'], 'TLP:CLEAR'));
    const other = await addPerson(h, 'publisher');
    expect((await call(h, 'GET', `/v1/publications/${a.publicationId}/deliveries`, { key: other.key })).status).toBe(404);
  });

  it('never writes an email address or phone number to a log line', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const joined = logLines.join('\n');
    expect(joined).not.toMatch(/@example\.org/);
    expect(joined).not.toMatch(/\+1202555\d{4}/);
  });
});
