import { deliveryIdOf } from '../../../shared/domain/fan-out';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../../infra/local/runtime';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import { addPerson, advisoryInput, alertInput, BASE_URL, call, makeHarness, type Harness } from '../../support/harness';

/**
 * Issue 3's "Done when", as a new user would try it, on the real local
 * runtime: DynamoDB Local's stream read by the poller, the announce handler,
 * the in-process SNS/SQS bus with the topology's filter policies, the
 * delivery workers, the outbox, and a real webhook receiver on 127.0.0.1.
 * Everything goes through the API; every wait has a deadline.
 */

const lines: string[] = [];
const EMAIL = 'ana.traveller@example.org';
const WATCHER = 'ben.watcher@example.org';
const PHONE = '+254712345678';
const COUNTRY = 'KE';
/** "Within a few seconds": the email queue's batching window is 2 s, the stream is polled every 250 ms. */
const FEW_SECONDS = 6_000;

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

let h: Harness;
let runtime: LocalRuntime;
let server: http.Server;
let hookUrl: string;
const hooks: Received[] = [];
let publisher: Awaited<ReturnType<typeof addPerson>>;
let approver: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;
let secret: string;

beforeAll(async () => {
  h = await makeHarness({ logger: jsonLogger({ service: 'e2e' }, (line) => lines.push(line)) });
  publisher = await addPerson(h, 'publisher');
  approver = await addPerson(h, 'publisher', publisher.org);
  member = await addPerson(h, 'member');
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/outpost`;
  runtime = await startLocalRuntime({ deps: h.deps, endpoint: h.endpoint, tableName: h.tableName });
});

afterAll(async () => {
  await runtime?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

const outboxTo = (to: string) => h.deps.outbox!.list().filter((m) => m.to === to).reverse(); // oldest first
const alertsTo = (to: string) => outboxTo(to).filter((m) => m.text.includes(`${BASE_URL}/publications/`));
const alertsAbout = (to: string, id: string) => alertsTo(to).filter((m) => m.text.includes(`/publications/${id}`));
const hooksAbout = (id: string) => hooks.filter((r) => (JSON.parse(r.body) as { publication: { id: string } }).publication.id === id);

function pathOf(text: string, path: string): string {
  const match = new RegExp(`${BASE_URL.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(${path.replace(/\//g, '\\/')}[^\\s>]*)`).exec(text);
  expect(match, `a ${path} link in the message`).not.toBeNull();
  return match![1]!;
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = FEW_SECONDS): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

async function subscribeAndConfirm(body: Record<string, unknown>, to: string): Promise<string> {
  const created = await call(h, 'POST', '/v1/subscriptions', { body });
  expect(created.status, created.text).toBe(201);
  expect(outboxTo(to)).toHaveLength(1);
  // The link opens a page whose button confirms; the API takes the same token.
  const confirmed = await call(h, 'POST', pathOf(outboxTo(to)[0]!.text, '/subscribe/confirm').replace('/subscribe/confirm', '/v1/subscriptions/confirm'));
  expect(confirmed.json).toMatchObject({ status: 'active' });
  return created.json.id as string;
}

/** Draft → approve (a second publisher) → publish, through the API. */
async function publishAdvisory(level: 1 | 2 | 3 | 4): Promise<{ id: string; etag: string }> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: advisoryInput(COUNTRY, level) });
  expect(created.status, created.text).toBe(201);
  const id = created.json.id as string;
  expect((await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key })).status).toBe(200);
  const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
  expect(published.status, published.text).toBe(200);
  return { id, etag: published.headers.get('etag')! };
}

async function amend(id: string, etag: string, major: boolean, changeNote: string): Promise<string> {
  const patched = await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body: { summary: changeNote, changeNote, major }, headers: { 'if-match': etag } });
  expect(patched.status, patched.text).toBe(200);
  expect((await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key })).status).toBe(200);
  const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
  expect(published.status, published.text).toBe(200);
  return published.headers.get('etag')!;
}

async function publishAlert(countries: string[], sharing: 'TLP:CLEAR' | 'TLP:GREEN', title: string): Promise<string> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(countries, sharing, { title }) });
  const id = created.json.id as string;
  expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);
  return id;
}

function verifies(received: Received, key: string): boolean {
  const header = String(received.headers['outpost-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const [, t, v1] = match;
  if (Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', Buffer.from(key, 'utf8')).update(`${t}.${received.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1!, 'hex'));
}

describe('subscribe, confirm, publish, receive: end to end on the local runtime', () => {
  it('delivers one level-3 advisory once to an email, an SMS number and a webhook within seconds; the unsubscribe link works; minor, elsewhere and GREEN reach no anonymous subscriber; nothing personal is logged', { timeout: 90_000 }, async () => {
    // Subscribe through the API: two anonymous emails and an anonymous SMS number (confirmed through the outbox), and a member webhook.
    const emailId = await subscribeAndConfirm({ channel: 'email', address: EMAIL, countries: [COUNTRY] }, EMAIL);
    await subscribeAndConfirm({ channel: 'email', address: WATCHER, countries: [COUNTRY] }, WATCHER);
    const smsId = await subscribeAndConfirm({ channel: 'sms', address: PHONE, countries: [COUNTRY] }, PHONE);
    const hook = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'webhook', url: hookUrl, countries: [COUNTRY] } });
    expect(hook.status, hook.text).toBe(201);
    secret = hook.json.secret as string;
    expect(hooks).toHaveLength(0); // the first request the URL gets is a real delivery

    // Publish a level-3 advisory: each receives exactly one message within a few seconds.
    const started = Date.now();
    const advisory = await publishAdvisory(3);
    await waitFor('the email', () => alertsAbout(EMAIL, advisory.id).length > 0);
    await waitFor('the SMS', () => alertsAbout(PHONE, advisory.id).length > 0);
    await waitFor('the webhook', () => hooksAbout(advisory.id).length > 0);
    await waitFor('the second email', () => alertsAbout(WATCHER, advisory.id).length > 0);
    expect(Date.now() - started).toBeLessThan(FEW_SECONDS);

    const mail = alertsAbout(EMAIL, advisory.id)[0]!;
    expect(mail.subject).toBe('Kenya – Level 3: Reconsider Travel');
    const sms = alertsAbout(PHONE, advisory.id)[0]!.text;
    expect(sms.length).toBeLessThanOrEqual(306);
    const smsUnsubscribe = pathOf(sms, '/u/');
    expect((await call(h, 'GET', smsUnsubscribe)).text).toContain(`action="${smsUnsubscribe}"`);
    expect((await h.deps.subscriptions.get(smsId))?.status).toBe('active'); // opening the page changes nothing

    // The webhook is signed with the secret, exactly as returned at creation.
    const delivery = hooksAbout(advisory.id)[0]!;
    expect(verifies(delivery, secret)).toBe(true);
    expect(verifies(delivery, 'not-the-secret')).toBe(false);
    expect(delivery.headers['outpost-delivery']).toBe(deliveryIdOf(advisory.id, 1, hook.json.id as string));
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'publication.published', publication: { id: advisory.id, level: 3, countries: [COUNTRY] } });

    // The email's unsubscribe link works (RFC 8058 one-click POST to it); the next major amendment reaches everyone but that address.
    const unsubscribed = await call(h, 'POST', pathOf(mail.text, '/subscribe/unsubscribe'), { body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unsubscribed.status).toBe(200);
    expect((await h.deps.subscriptions.get(emailId))?.status).toBe('unsubscribed');
    const etag2 = await amend(advisory.id, advisory.etag, true, 'Level 3 confirmed after renewed unrest.');
    await waitFor('the amendment by SMS', () => alertsAbout(PHONE, advisory.id).length === 2);
    await waitFor('the amendment by webhook', () => hooksAbout(advisory.id).length === 2);
    await waitFor('the amendment to the other email', () => alertsAbout(WATCHER, advisory.id).length === 2);

    // A minor amendment, an item for another country, and a GREEN alert: then a CLEAR sentinel, after which all of them have been handled.
    await amend(advisory.id, etag2, false, 'Typo fixed.');
    const elsewhere = await publishAlert(['TZ'], 'TLP:CLEAR', 'Flooding in Dar es Salaam');
    const green = await publishAlert([COUNTRY], 'TLP:GREEN', 'Members only: threat to a hotel');
    const sentinel = await publishAlert([COUNTRY], 'TLP:CLEAR', 'Road closures in Nairobi');
    await waitFor('the sentinel by SMS', () => alertsAbout(PHONE, sentinel).length === 1, 10_000);
    await waitFor('the sentinel by email', () => alertsAbout(WATCHER, sentinel).length === 1, 10_000);
    await waitFor('the GREEN alert to the member webhook', () => hooksAbout(green).length === 1, 10_000);
    await waitFor('the sentinel by webhook', () => hooksAbout(sentinel).length === 1, 10_000);

    for (const anonymous of [PHONE, WATCHER]) {
      expect(alertsAbout(anonymous, advisory.id), 'the advisory: versions 1 and 2, not the minor 3').toHaveLength(2);
      expect(alertsAbout(anonymous, elsewhere)).toHaveLength(0);
      expect(alertsAbout(anonymous, green)).toHaveLength(0);
      expect(alertsTo(anonymous)).toHaveLength(3);
    }
    expect(alertsTo(EMAIL), 'nothing after unsubscribing').toHaveLength(1);
    expect(hooksAbout(advisory.id)).toHaveLength(2);
    expect(hooksAbout(elsewhere)).toHaveLength(0);
    expect(new Set(hooks.map((r) => r.headers['outpost-delivery'])).size).toBe(hooks.length);
    for (const received of hooks) expect(verifies(received, secret)).toBe(true);

    const status = await call(h, 'GET', `/v1/publications/${advisory.id}/deliveries`, { key: publisher.key });
    expect(status.status).toBe(200);
    expect(runtime.bus.deadLetters('email')).toHaveLength(0);
    expect(runtime.bus.deadLetters('sms')).toHaveLength(0);
    expect(runtime.bus.deadLetters('webhook')).toHaveLength(0);

    // FIPPs: the whole run logged work, and no email address or phone number.
    const log = lines.join('\n');
    expect(lines.filter((line) => line.includes('delivery work done')).length).toBeGreaterThanOrEqual(9);
    for (const personal of [EMAIL, WATCHER, PHONE, PHONE.slice(1), '712345678']) expect(log.includes(personal), `${personal} in the log`).toBe(false);
    expect(log).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(log).not.toMatch(/\+\d{8,15}/);
  });
});
