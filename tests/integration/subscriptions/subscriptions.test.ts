import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../shared/ports/logger';
import { LINK_PURPOSES } from '../../../shared/services/subscription-links';
import { addPerson, call, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';
import { indexedUnder } from '../../support/match-index';

/** Every log line of the whole file, to prove no address was ever logged. */
const lines: string[] = [];
const capture = (level: string): Logger[keyof Logger] => (message, fields) => void lines.push(JSON.stringify({ level, message, ...fields }));
const logger: Logger = { info: capture('info'), warn: capture('warn'), error: capture('error') };

/** Every address used below; none may appear in a log line or an audit entry. */
const used = new Set<string>();
let counter = 0;
function email(): string {
  const address = uniqueAddress('traveller');
  used.add(address);
  return address;
}
function phone(): { input: string; e164: string } {
  const n = String(1000 + counter++).padStart(4, '0');
  const e164 = `+25471234${n}`;
  used.add(e164);
  return { input: `+254 712 34${n.slice(0, 2)} ${n.slice(2)}`.replace(/\s+/g, ' '), e164 };
}

let h: Harness;
let member: Awaited<ReturnType<typeof addPerson>>;
let otherMember: Awaited<ReturnType<typeof addPerson>>;
let ip = 0;
/** A fresh client (the connection's peer) per anonymous request, so the per-caller limit only bites where a test wants it. */
const newClient = () => `198.51.100.${++ip % 250}`;

beforeAll(async () => {
  h = await makeHarness({ logger });
  member = await addPerson(h, 'member');
  otherMember = await addPerson(h, 'member');
});

afterAll(() => {
  // FIPPs: no email address or phone number in any log line written during these tests.
  expect(lines.length).toBeGreaterThan(50);
  const all = lines.join('\n');
  for (const address of used) expect(all.includes(address), 'an address was logged').toBe(false);
  expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  expect(all).not.toMatch(/\+\d{8,15}/);
});

function outboxTo(address: string) {
  return h.deps.outbox!.list().filter((m) => m.to === address);
}

/** Confirms with the token of a confirmation link, as the button on the page it opens does (through the API). */
function confirmWith(linkPath: string) {
  return call(h, 'POST', linkPath.replace('/subscribe/confirm', '/v1/subscriptions/confirm'));
}

function linkIn(text: string, path: string): string {
  const match = new RegExp(`${h.deps.baseUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_.%-]+)`).exec(text);
  expect(match, `a ${path} link in the message`).not.toBeNull();
  return match![1]!;
}

async function matchedIds(channel: 'email' | 'sms' | 'webhook', scope: string): Promise<string[]> {
  return (await indexedUnder(h.deps.subscriptions, channel, scope, 2)).map((s) => s.id);
}

async function subscribeAnonymously(body: Record<string, unknown>) {
  return call(h, 'POST', '/v1/subscriptions', { body, client: newClient() });
}

describe('anonymous email subscription, double opt-in', () => {
  it('sends exactly one confirmation; pending is not matchable; the link activates it and files it under its country', async () => {
    const address = email();
    const created = await subscribeAnonymously({ channel: 'email', address: `  ${address.toUpperCase()} `, countries: ['KE'] });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ channel: 'email', status: 'pending', orgId: null, countries: ['KE'] });
    expect(created.json.address).toBeUndefined();
    expect(created.json.secret).toBeUndefined();
    expect(created.headers.get('cache-control')).toContain('no-store');

    const messages = outboxTo(address);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.subject).toMatch(/confirm/i);
    expect(messages[0]!.text).toContain('Kenya');
    expect(await matchedIds('email', 'c:KE')).not.toContain(created.json.id);

    const confirmPath = linkIn(messages[0]!.text, '/subscribe/confirm');
    // Opening the link changes nothing (a mail scanner does it); its page's button confirms.
    expect((await call(h, 'GET', confirmPath)).status).toBe(200);
    expect(await matchedIds('email', 'c:KE')).not.toContain(created.json.id);
    const confirmed = await confirmWith(confirmPath);
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toEqual({ id: created.json.id, channel: 'email', status: 'active' });
    expect(await matchedIds('email', 'c:KE')).toContain(created.json.id);
    expect(await matchedIds('email', 'global')).not.toContain(created.json.id);
    expect(await matchedIds('sms', 'c:KE')).not.toContain(created.json.id);

    // Idempotent: a second press (a double click) changes nothing and sends nothing.
    expect((await confirmWith(confirmPath)).json.status).toBe('active');
    expect(outboxTo(address)).toHaveLength(1);
    const stored = await h.deps.subscriptions.get(created.json.id);
    expect(stored?.address).toBe(address);
    expect(stored?.confirmedAt).toBeDefined();
  });

  it('files a subscription without places under the global scope, and one with regions under each region', async () => {
    const everywhere = await subscribeAnonymously({ channel: 'email', address: email() });
    const regional = await subscribeAnonymously({ channel: 'email', address: email(), regions: ['AF', 'EUR'], countries: ['FR', 'FR'] });
    expect(regional.json.countries).toEqual(['FR']);
    for (const created of [everywhere, regional]) {
      const token = h.deps.links.sign(LINK_PURPOSES.confirm, created.json.id, new Date(Date.now() + 60_000).toISOString());
      expect((await call(h, 'POST', `/v1/subscriptions/confirm?token=${token}`)).status).toBe(200);
    }
    expect(await matchedIds('email', 'global')).toContain(everywhere.json.id);
    expect(await matchedIds('email', 'r:AF')).toContain(regional.json.id);
    expect(await matchedIds('email', 'r:EUR')).toContain(regional.json.id);
    expect(await matchedIds('email', 'c:FR')).toContain(regional.json.id);
    expect(await matchedIds('email', 'global')).not.toContain(regional.json.id);
  });

  it('unsubscribes with a POST of the link’s token and removes the subscription from matching', async () => {
    const id = await activeEmailSubscription(['TZ']);
    const res = await call(h, 'POST', unsubscribePath(id));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id, status: 'unsubscribed' });
    expect(await matchedIds('email', 'c:TZ')).not.toContain(id);
    expect((await h.deps.subscriptions.get(id))?.status).toBe('unsubscribed');
    // Again: still unsubscribed, still fine.
    expect((await call(h, 'POST', unsubscribePath(id))).json.status).toBe('unsubscribed');
    // A confirmation link cannot bring it back.
    const confirm = h.deps.links.sign(LINK_PURPOSES.confirm, id, new Date(Date.now() + 60_000).toISOString());
    expect((await call(h, 'POST', `/v1/subscriptions/confirm?token=${confirm}`)).status).toBe(409);
  });

  it('unsubscribes with an RFC 8058 one-click POST', async () => {
    const id = await activeEmailSubscription(['UG']);
    const res = await call(h, 'POST', unsubscribePath(id), { body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('unsubscribed');
    expect(await matchedIds('email', 'c:UG')).not.toContain(id);
  });

  it('refuses tampered, wrong-purpose, missing and expired tokens', async () => {
    const id = await activeEmailSubscription(['RW']);
    const later = new Date(Date.now() + 60_000).toISOString();
    const good = h.deps.links.sign(LINK_PURPOSES.unsubscribe, id, later);
    const [payload, mac] = good.split('.') as [string, string];
    const tampered = `${payload}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const path of [
      `/v1/subscriptions/unsubscribe?token=${tampered}`,
      `/v1/subscriptions/unsubscribe?token=${h.deps.links.sign(LINK_PURPOSES.confirm, id, later)}`,
      `/v1/subscriptions/confirm?token=${good}`,
      `/v1/personal-data/export?token=${good}`,
      '/v1/subscriptions/unsubscribe',
      '/v1/subscriptions/confirm?token=not-a-token',
    ]) {
      const res = await call(h, path.startsWith('/v1/personal-data') ? 'GET' : 'POST', path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.type).toBe('/problems/invalid-link');
    }
    const expired = h.deps.links.sign(LINK_PURPOSES.confirm, id, new Date(Date.now() - 1000).toISOString());
    const res = await call(h, 'POST', `/v1/subscriptions/confirm?token=${expired}`);
    expect(res.status).toBe(410);
    expect(res.json.type).toBe('/problems/link-expired');
    expect(await matchedIds('email', 'c:RW')).toContain(id);
  });

  it('names the failing fields of a bad body', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: 'pigeon', address: 'a@b.example' }, 'channel'],
      [{ channel: 'email', address: 'not an address' }, 'address'],
      [{ channel: 'email', address: email(), countries: ['XX'] }, 'countries.0'],
      [{ channel: 'email', address: email(), extra: true }, 'extra'],
      [{ channel: 'email', url: 'https://example.com' }, 'url'],
      [{ channel: 'sms', address: '0712 345 678' }, 'address'],
      [{ channel: 'email', address: email(), minLevel: 5 }, 'minLevel'],
    ];
    for (const [body, path] of cases) {
      const res = await subscribeAnonymously(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});

describe('SMS subscriptions', () => {
  it('stores the number in E.164 and texts only the confirmation link', async () => {
    const { input, e164 } = phone();
    const created = await subscribeAnonymously({ channel: 'sms', address: input, countries: ['KE'], kinds: ['security-alert'] });
    expect(created.status).toBe(201);
    expect((await h.deps.subscriptions.get(created.json.id))?.address).toBe(e164);
    const texts = outboxTo(e164);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.channel).toBe('sms');
    expect(texts[0]!.text.length).toBeLessThanOrEqual(306);
    const confirmPath = linkIn(texts[0]!.text, '/subscribe/confirm');
    expect(await matchedIds('sms', 'c:KE')).not.toContain(created.json.id);
    expect((await confirmWith(confirmPath)).status).toBe(200);
    expect(await matchedIds('sms', 'c:KE')).toContain(created.json.id);
  });

  it('gets a short unsubscribe code: GET /u/<code> shows one button, POST ends the subscription, once', async () => {
    const { input, e164 } = phone();
    const created = await subscribeAnonymously({ channel: 'sms', address: input, countries: ['TZ'] });
    await confirmWith(linkIn(outboxTo(e164)[0]!.text, '/subscribe/confirm'));
    const code = (await h.deps.subscriptions.get(created.json.id))!.unsubscribeCode!;
    expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{10}$/);
    expect(created.json.unsubscribeCode).toBeUndefined();

    const page = await call(h, 'GET', `/u/${code}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`action="/u/${code}"`);
    // Opening the link (or a link preview fetching it) changes nothing.
    expect((await h.deps.subscriptions.get(created.json.id))?.status).toBe('active');

    // The button's form POST, as a browser sends it (same origin).
    const form = { body: '', headers: { origin: h.deps.baseUrl, 'content-type': 'application/x-www-form-urlencoded' } };
    const done = await call(h, 'POST', `/u/${code.toUpperCase()}`, form);
    expect(done.status).toBe(200);
    expect(done.text).toContain('You have unsubscribed');
    expect((await h.deps.subscriptions.get(created.json.id))?.status).toBe('unsubscribed');
    expect(await matchedIds('sms', 'c:TZ')).not.toContain(created.json.id);
    expect((await call(h, 'POST', `/u/${code}`, form)).status).toBe(200);

    const audit = await h.deps.auditLog.list(200);
    expect(audit.items.filter((e) => e.target.id === created.json.id && e.action === 'subscription.unsubscribed')).toHaveLength(1);
    expect((await call(h, 'GET', '/u/not-a-code')).status).toBe(400);
    expect((await call(h, 'POST', '/u/zzzzzzzzzz', form)).status).toBe(400);
  });
});

describe('member subscriptions and webhooks', () => {
  it('refuses a webhook without a key', async () => {
    const res = await subscribeAnonymously({ channel: 'webhook', url: 'https://hooks.example.com/outpost' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('creates an active webhook, returns its secret once, and never shows it again', async () => {
    const res = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'webhook', url: 'https://hooks.example.com/outpost', countries: ['MX'] } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ channel: 'webhook', status: 'active', orgId: member.orgId, createdBy: member.personId, url: 'https://hooks.example.com/outpost' });
    const secret = res.json.secret as string;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(Buffer.from(secret, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(await matchedIds('webhook', 'c:MX')).toContain(res.json.id);
    const matched = (await indexedUnder(h.deps.subscriptions, 'webhook', 'c:MX')).find((s) => s.id === res.json.id);
    expect(matched?.secret).toBe(secret);

    const list = await call(h, 'GET', '/v1/subscriptions', { key: member.key });
    expect(list.status).toBe(200);
    expect(list.json.items.map((s: { id: string }) => s.id)).toContain(res.json.id);
    expect(list.text).not.toContain(secret);
    expect(list.json.items.every((s: Record<string, unknown>) => !('secret' in s))).toBe(true);
    expect(h.deps.outbox!.list().some((m) => m.text.includes(secret))).toBe(false);
  });

  it("lists an organization's own subscriptions with addresses, and nobody else's", async () => {
    const address = email();
    const mine = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'email', address, regions: ['WHA'] } });
    expect(mine.status).toBe(201);
    expect(mine.json.address).toBe(address);
    const theirs = await call(h, 'POST', '/v1/subscriptions', { key: otherMember.key, body: { channel: 'email', address: email() } });
    const list = await call(h, 'GET', '/v1/subscriptions?limit=1', { key: member.key });
    expect(list.json.items).toHaveLength(1);
    const all = await collect(member.key);
    expect(all.find((s) => s.id === mine.json.id)?.address).toBe(address);
    expect(all.map((s) => s.id)).not.toContain(theirs.json.id);
    expect((await call(h, 'GET', '/v1/subscriptions', {})).status).toBe(401);
    expect((await call(h, 'GET', `/v1/subscriptions?cursor=garbage`, { key: member.key })).status).toBe(400);
  });

  it("deletes within the organization; another organization's id is a 404", async () => {
    const res = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'webhook', url: 'https://hooks.example.com/delete-me', countries: ['PE'] } });
    const id = res.json.id as string;
    expect((await call(h, 'DELETE', `/v1/subscriptions/${id}`, { key: otherMember.key })).status).toBe(404);
    expect(await matchedIds('webhook', 'c:PE')).toContain(id);
    expect((await call(h, 'DELETE', `/v1/subscriptions/${id}`, { key: member.key })).status).toBe(204);
    expect(await matchedIds('webhook', 'c:PE')).not.toContain(id);
    expect(await h.deps.subscriptions.get(id)).toBeUndefined();
    expect((await call(h, 'DELETE', `/v1/subscriptions/${id}`, { key: member.key })).status).toBe(404);
    expect((await call(h, 'DELETE', '/v1/subscriptions/not-an-id', { key: member.key })).status).toBe(404);
  });

  it('refuses a read-only key', async () => {
    const readOnly = await call(h, 'POST', '/v1/keys', { key: member.key, body: { name: 'dashboard', scopes: ['read'] } });
    const res = await call(h, 'POST', '/v1/subscriptions', { key: readOnly.json.key, body: { channel: 'email', address: email() } });
    expect(res.status).toBe(403);
  });

  it('allows http to a loopback receiver in local mode, and nothing else private', async () => {
    const ok = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'webhook', url: 'http://127.0.0.1:9999/hook' } });
    expect(ok.status).toBe(201);
    for (const url of ['http://10.0.0.5/hook', 'https://192.168.1.10/hook', 'http://hooks.example.com/hook', 'https://169.254.169.254/latest/meta-data']) {
      const res = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'webhook', url } });
      expect(res.status, url).toBe(422);
      expect(res.json.errors[0].path).toBe('url');
    }
  });
});

describe('webhook URLs in AWS mode', () => {
  let aws: Harness;
  let key: string;
  beforeAll(async () => {
    aws = await makeHarness({ logger });
    aws.deps.config = { ...aws.deps.config, mode: 'aws' };
    key = (await addPerson(aws, 'member')).key;
  });

  it('refuses private, loopback, link-local, metadata and plain-http URLs', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://[::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://10.1.2.3/hook',
      'https://172.16.5.4/hook',
      'https://192.168.0.1/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://[fd00:ec2::254]/',
      'https://metadata.google.internal/computeMetadata/v1/',
      'https://2130706433/',
      'https://intranet/hook',
      'http://hooks.example.com/hook',
      'https://user:pass@hooks.example.com/hook',
      'ftp://hooks.example.com/hook',
    ]) {
      const res = await call(aws, 'POST', '/v1/subscriptions', { key, body: { channel: 'webhook', url } });
      expect(res.status, url).toBe(422);
      expect(res.json.errors[0].path).toBe('url');
    }
    expect((await call(aws, 'POST', '/v1/subscriptions', { key, body: { channel: 'webhook', url: 'https://hooks.example.com/outpost' } })).status).toBe(201);
  });
});

describe('message limits', () => {
  it('stops confirmations to one address after 3 an hour, with a 429 and Retry-After', async () => {
    const address = email();
    for (let i = 0; i < 3; i++) expect((await subscribeAnonymously({ channel: 'email', address, countries: ['KE'] })).status).toBe(201);
    const res = await subscribeAnonymously({ channel: 'email', address, countries: ['KE'] });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(outboxTo(address)).toHaveLength(3);
    // A member key does not get around the per-address limit either.
    expect((await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'email', address } })).status).toBe(429);
    expect(outboxTo(address)).toHaveLength(3);
  });

  it('stops one anonymous client after 10 confirmation messages an hour, whatever the addresses', async () => {
    const client = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'email', address: email() }, client })).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another client is unaffected.
    expect((await subscribeAnonymously({ channel: 'email', address: email() })).status).toBe(201);
  });
});

describe('personal data', () => {
  it('exports and erases every subscription of an address through a signed link, leaving no address in the audit log', async () => {
    const address = email();
    const anonymous = await subscribeAnonymously({ channel: 'email', address, countries: ['KE'] });
    await confirmWith(linkIn(outboxTo(address)[0]!.text, '/subscribe/confirm'));
    const ofMember = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'email', address, regions: ['AF'] } });
    expect(ofMember.status).toBe(201);
    expect(await matchedIds('email', 'c:KE')).toContain(anonymous.json.id);

    const asked = await call(h, 'POST', '/v1/personal-data/requests', { body: { address: address.toUpperCase() }, client: newClient() });
    expect(asked.status).toBe(202);
    const message = outboxTo(address)[0]!;
    expect(message.subject).toMatch(/personal data/i);
    // The message links the page; the API takes the same token.
    const pagePath = linkIn(message.text, '/personal-data');
    const exportPath = pagePath.replace('/personal-data', '/v1/personal-data/export');
    const erasePath = pagePath.replace('/personal-data', '/v1/personal-data/erase');

    const exported = await call(h, 'GET', exportPath);
    expect(exported.status).toBe(200);
    expect(exported.json.address).toBe(address);
    expect(exported.json.subscriptions.map((s: { id: string }) => s.id).sort()).toEqual([anonymous.json.id, ofMember.json.id].sort());
    expect(exported.json.erase.method).toBe('POST');
    expect(exported.headers.get('cache-control')).toContain('no-store');

    // The erase link does nothing on GET.
    expect((await call(h, 'GET', erasePath)).status).toBe(404);
    const erased = await call(h, 'POST', erasePath);
    expect(erased.status).toBe(200);
    expect(erased.json).toEqual({ erased: 2, subscriptions: 2, travelers: { deleted: 0, updated: 0 }, safetyCheckAnswers: 0, siteContacts: 0, securityContacts: 0 });
    expect(await h.deps.subscriptions.get(anonymous.json.id)).toBeUndefined();
    expect(await h.deps.subscriptions.get(ofMember.json.id)).toBeUndefined();
    expect(await h.deps.subscriptions.listByAddress(address)).toEqual([]);
    expect(await matchedIds('email', 'c:KE')).not.toContain(anonymous.json.id);
    expect((await collect(member.key)).map((s) => s.id)).not.toContain(ofMember.json.id);
    expect((await call(h, 'POST', erasePath)).json).toMatchObject({ erased: 0 });
    expect((await call(h, 'GET', exportPath)).status).toBe(404);

    const audit = await h.deps.auditLog.list(200);
    const erasures = audit.items.filter((e) => e.target.id === anonymous.json.id || e.target.id === ofMember.json.id);
    expect(erasures.filter((e) => e.action === 'subscription.erased').map((e) => e.target.id).sort()).toEqual([anonymous.json.id, ofMember.json.id].sort());
    expect(audit.items.filter((e) => e.action === 'personal-data.exported' && e.target.type === 'personal-data-request')).toHaveLength(1);
    expect(erasures.map((e) => e.action)).not.toContain('subscription.deleted');
    expect(JSON.stringify(audit.items)).not.toContain(address);
    for (const other of used) expect(JSON.stringify(audit.items)).not.toContain(other);
  });

  it('answers an unknown address exactly like a known one, and sends nothing to it', async () => {
    const unknown = email();
    const known = email();
    await subscribeAnonymously({ channel: 'email', address: known });
    const a = await call(h, 'POST', '/v1/personal-data/requests', { body: { address: unknown }, client: newClient() });
    const b = await call(h, 'POST', '/v1/personal-data/requests', { body: { address: known }, client: newClient() });
    expect(a.status).toBe(202);
    expect(a.text).toBe(b.text);
    expect(outboxTo(unknown)).toHaveLength(0);
    expect(outboxTo(known)).toHaveLength(2);
    expect((await call(h, 'POST', '/v1/personal-data/requests', { body: { address: 'nope' }, client: newClient() })).status).toBe(422);
  });

  it('sends personal-data links for a phone number by SMS, within the per-address limit', async () => {
    const { input, e164 } = phone();
    await subscribeAnonymously({ channel: 'sms', address: input });
    for (let i = 0; i < 3; i++) expect((await call(h, 'POST', '/v1/personal-data/requests', { body: { address: input }, client: newClient() })).status).toBe(202);
    // 1 confirmation + 2 personal-data texts: the fourth message this hour is silently not sent.
    const texts = outboxTo(e164);
    expect(texts).toHaveLength(3);
    const exported = await call(h, 'GET', linkIn(texts[0]!.text, '/personal-data').replace('/personal-data', '/v1/personal-data/export'));
    expect(exported.json.address).toBe(e164);
  });
});

async function activeEmailSubscription(countries: string[]): Promise<string> {
  const address = email();
  const created = await subscribeAnonymously({ channel: 'email', address, countries });
  expect(created.status).toBe(201);
  const confirmed = await confirmWith(linkIn(outboxTo(address)[0]!.text, '/subscribe/confirm'));
  expect(confirmed.json.status).toBe('active');
  return created.json.id as string;
}

function unsubscribePath(id: string): string {
  const token = h.deps.links.sign(LINK_PURPOSES.unsubscribe, id, new Date(Date.now() + 60_000).toISOString());
  return `/v1/subscriptions/unsubscribe?token=${token}`;
}

async function collect(key: string): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let cursor: string | null = null;
  do {
    const res = await call(h, 'GET', `/v1/subscriptions?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key });
    expect(res.status).toBe(200);
    items.push(...res.json.items);
    cursor = res.json.cursor;
  } while (cursor);
  return items;
}
