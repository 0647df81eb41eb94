import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../../functions/http/router';
import { addPerson, alertInput, advisoryInput, BASE_URL, call, makeHarness, type Harness } from '../../support/harness';
import { dumpTable } from '../../support/table-dump';

/**
 * Object-level and property-level authorization, walked from the registered
 * route table (function-level is tests/integration/api/authorization-matrix.test.ts).
 */
let h: Harness;
type Person = Awaited<ReturnType<typeof addPerson>>;
let publisherA: Person;
let publisherB: Person;
let memberA: Person;
let memberB: Person;
const own: Record<'draft' | 'published' | 'amber' | 'key' | 'subscription' | 'traveler' | 'trip' | 'check' | 'site', string> = { draft: '', published: '', amber: '', key: '', subscription: '', traveler: '', trip: '', check: '', site: '' };
const BOOKKEEPING = ['IDEM#', 'RATE#'];

beforeAll(async () => {
  h = await makeHarness();
  publisherA = await addPerson(h, 'publisher');
  publisherB = await addPerson(h, 'publisher');
  memberA = await addPerson(h, 'member');
  memberB = await addPerson(h, 'member');
  own.draft = (await call(h, 'POST', '/v1/publications', { key: publisherA.key, body: advisoryInput('KE', 2) })).json.id as string;
  const published = await call(h, 'POST', '/v1/publications', { key: publisherA.key, body: alertInput(['KE'], 'TLP:CLEAR') });
  own.published = published.json.id as string;
  expect((await call(h, 'POST', `/v1/publications/${own.published}/publish`, { key: publisherA.key })).status).toBe(200);
  const amber = await call(h, 'POST', '/v1/publications', { key: publisherA.key, body: alertInput(['KE'], 'TLP:AMBER', { recipients: [memberA.orgId] }) });
  own.amber = amber.json.id as string;
  expect((await call(h, 'POST', `/v1/publications/${own.amber}/publish`, { key: publisherA.key })).status).toBe(200);
  own.key = (await call(h, 'POST', '/v1/keys', { key: memberA.key, body: { name: 'ci', scopes: ['read'] } })).json.keyId as string;
  own.subscription = (await call(h, 'POST', '/v1/subscriptions', { key: memberA.key, body: { channel: 'email', address: 'owner@example.org', countries: ['KE'] } })).json.id as string;
  own.traveler = (await call(h, 'POST', '/v1/travelers', { key: memberA.key, body: { name: 'Owned Traveler', email: 'owned.traveler@example.org' } })).json.id as string;
  const today = new Date().toISOString().slice(0, 10);
  own.trip = (await call(h, 'POST', '/v1/trips', { key: memberA.key, body: { travelerId: own.traveler, segments: [{ country: 'KE', from: today, to: today }] } })).json.id as string;
  own.check = (await call(h, 'POST', '/v1/safety-checks', { key: memberA.key, body: { countries: ['KE'], message: 'Are you safe?' } })).json.id as string;
  own.site = (await call(h, 'POST', '/v1/sites', { key: memberA.key, body: { name: 'Nairobi office', lat: -1.285, lon: 36.82, country: 'KE' } })).json.id as string;
  for (const [name, value] of Object.entries(own)) expect(value, name).toMatch(/^[0-9A-Z]{26}$/);
});

/** Routes whose object is not a publication: the caller's own organization's travelers, trips and checks (and exposure, which needs a key). */
const NOT_PUBLICATION_READS = /^\/(v1\/(travelers|trips|safety-checks)|portal\/safety-checks)\/|\/exposure$/;

// The local outbox pages take message ids: no organization owns a message, and they exist in local mode only.
const idBearing = () => h.routes.filter((r) => /:(id|keyId)\b/.test(r.path) && !r.path.startsWith('/dev/'));

/** The route's path with `id` in its ID parameter (regex-constrained params included). */
function pathWith(route: RouteEntry, id: string): string {
  return route.path
    .replace(/:id\{[^}]*\\\.xml\}/, `${id}.xml`)
    .replace(':keyId', id)
    .replace(':id', id)
    .replace(':n', '1');
}

/** Who owns the object behind a route, and who from another organization tries it. */
function attempt(route: RouteEntry): { id: string; owner: Person; intruder: Person } {
  if (route.path.includes(':keyId')) return { id: own.key, owner: memberA, intruder: memberB };
  if (route.path.startsWith('/v1/subscriptions/') || route.path.startsWith('/portal/subscriptions/')) return { id: own.subscription, owner: memberA, intruder: memberB };
  if (route.path.startsWith('/v1/travelers/')) return { id: own.traveler, owner: memberA, intruder: memberB };
  if (route.path.startsWith('/v1/trips/')) return { id: own.trip, owner: memberA, intruder: memberB };
  if (route.path.includes('/safety-checks/')) return { id: own.check, owner: memberA, intruder: memberB };
  if (route.path.startsWith('/v1/sites/')) return { id: own.site, owner: memberA, intruder: memberB };
  // Exposure is the caller's own travelers for an item it may see: an AMBER item named for memberA only.
  if (route.path.endsWith('/exposure')) return { id: own.amber, owner: memberA, intruder: memberB };
  return { id: own.draft, owner: publisherA, intruder: publisherB };
}

async function as(person: Person | undefined, route: RouteEntry, path: string, id = '') {
  const headers: Record<string, string> = { origin: BASE_URL, accept: 'text/html' };
  if (person) headers.authorization = `Bearer ${person.key}`;
  const isForm = route.method === 'POST' && !path.startsWith('/v1/');
  const res = await h.app.request(
    new Request(`${BASE_URL}${path}`, {
      method: route.method,
      headers: { ...headers, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { 'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json', 'if-match': `"${id}.1"` }) },
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: isForm ? 'title=stolen' : route.method === 'PATCH' ? '{"title":"stolen"}' : '{}' }),
      redirect: 'manual',
    }),
  );
  return { status: res.status, text: await res.text() };
}

describe('object-level authorization (API1)', () => {
  it('walks every ID-bearing route: another organization gets a 404 and changes nothing', async () => {
    const routes = idBearing();
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const before = JSON.stringify(await dumpTable(h, BOOKKEEPING));
    for (const route of routes) {
      const { id, intruder } = attempt(route);
      const res = await as(intruder, route, pathWith(route, id), id);
      expect(res.status, `${route.method} ${route.path} as another organization: ${res.text.slice(0, 200)}`).toBe(404);
    }
    expect(JSON.stringify(await dumpTable(h, BOOKKEEPING))).toBe(before);
  });

  it('the owner reaches the same routes (so the 404s above are about ownership, not the path)', async () => {
    for (const route of idBearing().filter((r) => r.method === 'GET' && !r.path.startsWith('/cap/') && !r.path.startsWith('/publications/') && !r.path.includes('/diff') && !r.path.includes('/versions'))) {
      const { id, owner } = attempt(route);
      const res = await as(owner, route, pathWith(route, id));
      expect(res.status, `${route.method} ${route.path} as owner`).toBeLessThan(400);
    }
  });

  it('an AMBER item is a 404 on every read route for an organization it does not name, and readable by one it does', async () => {
    const reads = idBearing().filter((r) => r.method === 'GET' && !r.path.startsWith('/console') && !r.path.includes('/deliveries') && !NOT_PUBLICATION_READS.test(r.path) && !r.path.startsWith('/portal/subscriptions/'));
    for (const route of reads) {
      const path = pathWith(route, own.amber);
      expect((await as(memberB, route, path)).status, `${route.path} as an organization not named`).toBe(404);
      // A route that needs a key answers 401 to anyone without one, before any lookup: the same for every id.
      expect((await as(undefined, route, path)).status, `${route.path} anonymously`).toBe(route.access.kind === 'public' ? 404 : 401);
    }
    expect((await call(h, 'GET', `/v1/publications/${own.amber}`, { key: memberA.key })).status).toBe(200);
  });

  it('a published item of another organization can be read but not changed by a publisher of another organization', async () => {
    const before = JSON.stringify(await dumpTable(h, BOOKKEEPING));
    for (const route of idBearing().filter((r) => r.method !== 'GET' && (r.path.includes('/publications/')))) {
      const res = await as(publisherB, route, pathWith(route, own.published), own.published);
      expect(res.status, `${route.method} ${route.path}`).toBe(404);
    }
    expect(JSON.stringify(await dumpTable(h, BOOKKEEPING))).toBe(before);
  });
});

/** Values an attacker would like to set; none may reach the table through any create or update route. */
const FORBIDDEN = () => ({
  role: 'admin',
  orgId: publisherB.orgId,
  organization: publisherB.orgId,
  status: 'published',
  state: 'published',
  version: 999,
  rev: 999,
  createdBy: publisherB.personId,
  regions: ['EUR'],
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  publishedAt: '2000-01-01T00:00:00.000Z',
  keyId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  personId: publisherB.personId,
  secret: 'whsec_attacker',
  verified: true,
});

describe('property-level authorization (API3)', () => {
  const jsonCreates: [string, string, () => Person, () => Record<string, unknown>][] = [
    ['POST', '/v1/publications', () => publisherA, () => advisoryInput('TZ', 2)],
    ['POST', '/v1/keys', () => memberA, () => ({ name: 'mine', scopes: ['read'] })],
    ['POST', '/v1/subscriptions', () => memberA, () => ({ channel: 'email', address: 'member-sub@example.org', countries: ['KE'] })],
    ['POST', '/v1/subscriptions', () => undefined as unknown as Person, () => ({ channel: 'email', address: 'public-sub@example.org' })],
  ];

  it('refuses every forbidden field by name on every JSON create route, and stores nothing', async () => {
    for (const [method, path, who, valid] of jsonCreates) {
      for (const [field, value] of Object.entries(FORBIDDEN())) {
        if (path === '/v1/subscriptions' && field === 'regions') continue; // a subscription's own region filter
        const before = JSON.stringify(await dumpTable(h, BOOKKEEPING));
        const person = who();
        const res = await call(h, method, path, { ...(person ? { key: person.key } : {}), body: { ...valid(), [field]: value } });
        expect(res.status, `${path} with ${field}: ${res.text.slice(0, 200)}`).toBe(422);
        expect(res.json.errors.map((e: { path: string }) => e.path), `${path} ${field}`).toContain(field);
        expect(JSON.stringify(await dumpTable(h, BOOKKEEPING)), `${path} ${field}`).toBe(before);
      }
    }
  });

  it('refuses every forbidden field on PATCH /v1/publications/:id, and the item is unchanged', async () => {
    const head = await call(h, 'GET', `/v1/publications/${own.draft}`, { key: publisherA.key });
    for (const [field, value] of Object.entries(FORBIDDEN())) {
      const res = await call(h, 'PATCH', `/v1/publications/${own.draft}`, { key: publisherA.key, body: { title: 'New title', [field]: value }, headers: { 'if-match': head.headers.get('etag')! } });
      expect(res.status, `PATCH with ${field}: ${res.text.slice(0, 200)}`).toBe(422);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    expect((await call(h, 'GET', `/v1/publications/${own.draft}`, { key: publisherA.key })).text).toBe(head.text);
  });

  it('a member cannot make an API key with more than its own role, nor a key for another organization', async () => {
    const res = await call(h, 'POST', '/v1/keys', { key: memberA.key, body: { name: 'x', scopes: ['read', 'write', 'admin'] } });
    expect(res.status).toBe(422);
    const made = await call(h, 'POST', '/v1/keys', { key: memberA.key, body: { name: 'plain', scopes: ['read', 'write'] } });
    expect(made.status).toBe(201);
    const me = await call(h, 'GET', '/v1/me', { key: made.json.key as string });
    expect(me.json.person).toMatchObject({ role: 'member' });
    expect(JSON.stringify(me.json)).toContain(memberA.orgId);
    expect(JSON.stringify(me.json)).not.toContain(publisherB.orgId);
  });

  it('page forms ignore forbidden fields: what is stored belongs to the caller, as a draft, at version one', async () => {
    const form = (fields: Record<string, unknown>) =>
      new URLSearchParams(Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, String(x)]) : [[k, String(v)]]))).toString();
    const post = (path: string, person: Person | undefined, fields: Record<string, unknown>) =>
      h.app.request(
        new Request(`${BASE_URL}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { origin: BASE_URL, 'content-type': 'application/x-www-form-urlencoded', ...(person ? { authorization: `Bearer ${person.key}` } : {}) },
          body: form({ ...fields, ...FORBIDDEN() }),
        }),
      );
    const before = await dumpTable(h, BOOKKEEPING);
    const seen = new Set(before.map((i) => `${String(i.pk)}|${String(i.sk)}`));

    const created = await post('/console/new', publisherA, { kind: 'announcement', title: 'Form item', countries: 'FR', summary: 'S', body: 'B', sharing: 'TLP:CLEAR' });
    expect(created.status, await created.clone().text()).toBe(303);
    const newId = /\/console\/publications\/([0-9A-Z]{26})/.exec(created.headers.get('location') ?? '')![1]!;
    const edited = await post(`/console/publications/${own.draft}/edit`, publisherA, { title: 'Edited by form', countries: 'KE', summary: 'S', body: 'B', sharing: 'TLP:CLEAR', level: '2', indicators: 'C' });
    expect(edited.status, (await edited.clone().text()).slice(0, 300)).toBeLessThan(500);
    const key = await post('/portal/keys', memberA, { name: 'form key', scopes: 'read' });
    expect(key.status).toBe(201);
    const sub = await post('/subscribe', undefined, { channel: 'email', email: 'form-sub@example.org', countries: 'FR' });
    expect(sub.status).toBeLessThan(500);

    const after = await dumpTable(h, BOOKKEEPING);
    const changed = after.filter((i) => !seen.has(`${String(i.pk)}|${String(i.sk)}`) || !before.some((b) => JSON.stringify(b) === JSON.stringify(i)));
    expect(changed.length).toBeGreaterThan(0);
    const text = JSON.stringify(changed);
    expect(text).not.toContain(publisherB.orgId);
    expect(text).not.toContain(publisherB.personId);
    expect(text).not.toContain('whsec_attacker');
    expect(text).not.toContain('2000-01-01T00:00:00.000Z');
    expect(text).not.toContain('01ARZ3NDEKTSV4RRFFQ69G5FAV');
    for (const item of changed) {
      expect(item.role, JSON.stringify(item)).not.toBe('admin');
      expect(item.version ?? 1).not.toBe(999);
      expect(item.rev ?? 1).not.toBe(999);
    }
    const head = await h.deps.publications.get(newId);
    expect(head).toMatchObject({ orgId: publisherA.orgId, state: 'unpublished' });
    expect(head?.rev).not.toBe(999);
  });
});
