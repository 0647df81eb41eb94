import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain/sharing';
import { addPerson, call, makeHarness, type Harness } from '../../support/harness';

/**
 * Every registered route × every role. A route added without a row here
 * fails the suite, so every route carries a deliberate decision.
 */
type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', 'member', 'publisher', 'admin'];
const ALL = CALLERS;
const SIGNED_IN: Caller[] = ['member', 'publisher', 'admin'];

const DECISIONS: Record<string, Caller[]> = {
  'GET /v1/health': ALL,
  'GET /v1/countries': ALL,
  'GET /v1/countries/:cc': ALL,
  'GET /v1/publications': ALL,
  'POST /v1/publications': ['publisher'],
  'GET /v1/publications/:id': ALL,
  'PATCH /v1/publications/:id': ['publisher'],
  'GET /v1/publications/:id/versions': ALL,
  'POST /v1/publications/:id/submit': ['publisher'],
  'POST /v1/publications/:id/approve': ['publisher'],
  'POST /v1/publications/:id/archive': ['publisher'],
  'POST /v1/publications/:id/publish': ['publisher'],
  'GET /v1/me': SIGNED_IN,
  'GET /v1/organizations': ['publisher', 'admin'],
  'GET /v1/keys': SIGNED_IN,
  'POST /v1/keys': SIGNED_IN,
  'DELETE /v1/keys/:keyId': SIGNED_IN,
  'GET /v1/audit': ['admin'],
  'GET /v1/workbench': ['publisher', 'admin'],
  'GET /assets/site.css': ALL,
  'GET /': ALL,
  'GET /countries': ALL,
  'GET /countries/:cc': ALL,
  'GET /publications/:id': ALL,
  'GET /subscribe': ALL,
  'GET /portal': ALL,
  'GET /console': ALL,
};

let h: Harness;
const keys: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  h = await makeHarness();
  const publisher = await addPerson(h, 'publisher');
  keys.publisher = publisher.key;
  keys.admin = (await addPerson(h, 'admin', publisher.org)).key;
  keys.member = (await addPerson(h, 'member')).key;
});

const SAMPLE_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
function concrete(path: string): string {
  return path.replace(':cc', 'KE').replace(':id', SAMPLE_ID).replace(':keyId', SAMPLE_ID);
}

describe('authorization matrix', () => {
  it('has a decision for every registered route, and no decision for a route that does not exist', () => {
    const registered = h.routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(registered).toEqual(Object.keys(DECISIONS).sort());
  });

  it('allows exactly the decided callers on every route', async () => {
    for (const route of h.routes) {
      const allowed = DECISIONS[`${route.method} ${route.path}`]!;
      for (const caller of CALLERS) {
        const key = caller === 'anonymous' ? undefined : keys[caller];
        const res = await call(h, route.method, concrete(route.path), { ...(key ? { key } : {}), ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }) });
        const denied = res.status === 401 || res.status === 403;
        expect(denied, `${caller} ${route.method} ${route.path} → ${res.status}`).toBe(!allowed.includes(caller));
        expect(res.status, `${caller} ${route.method} ${route.path}`).toBeLessThan(500);
      }
    }
  });

  it('hides another organization’s publication behind a 404, not a 403', async () => {
    const other = await addPerson(h, 'publisher');
    const created = await call(h, 'POST', '/v1/publications', {
      key: keys.publisher,
      body: { kind: 'announcement', title: 't', countries: ['FR'], summary: 's', body: '', sharing: 'TLP:CLEAR' },
    });
    const id = created.json.id as string;
    for (const [method, path] of [['GET', ''], ['POST', '/submit'], ['POST', '/publish'], ['POST', '/archive']] as const) {
      expect((await call(h, method, `/v1/publications/${id}${path}`, { key: other.key })).status).toBe(404);
    }
    expect((await call(h, 'PATCH', `/v1/publications/${id}`, { key: other.key, body: { title: 'x' }, headers: { 'if-match': created.headers.get('etag')! } })).status).toBe(404);
  });

  it('refuses writes with a read-only key', async () => {
    const readOnly = await call(h, 'POST', '/v1/keys', { key: keys.publisher, body: { name: 'dashboard', scopes: ['read'] } });
    expect(readOnly.status).toBe(201);
    expect(readOnly.json.key).toMatch(/^op_[a-z0-9]{8}_/);
    const res = await call(h, 'POST', '/v1/publications', { key: readOnly.json.key, body: {} });
    expect(res.status).toBe(403);
    expect((await call(h, 'GET', '/v1/me', { key: readOnly.json.key })).status).toBe(200);
  });
});
