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
  'GET /v1/search': ALL,
  'POST /v1/publications': ['publisher'],
  'GET /v1/publications/:id': ALL,
  'PATCH /v1/publications/:id': ['publisher'],
  'GET /v1/publications/:id/versions': ALL,
  'GET /v1/publications/:id/versions/:n/diff': ALL,
  // Feeds, CAP and the calendar: public documents, TLP:CLEAR only, the same for every caller.
  'GET /feeds/all.rss': ALL,
  'GET /feeds/countries/:cc{[A-Za-z]{2}\\.rss}': ALL,
  'GET /feeds/regions/:region{[A-Za-z]{2,3}\\.rss}': ALL,
  'GET /feeds/kinds/:kind{[a-z-]{1,40}\\.rss}': ALL,
  'GET /feeds/all.atom': ALL,
  'GET /feeds/countries/:cc{[A-Za-z]{2}\\.atom}': ALL,
  'GET /feeds/regions/:region{[A-Za-z]{2,3}\\.atom}': ALL,
  'GET /feeds/kinds/:kind{[a-z-]{1,40}\\.atom}': ALL,
  'GET /feeds/all.json': ALL,
  'GET /feeds/countries/:cc{[A-Za-z]{2}\\.json}': ALL,
  'GET /feeds/regions/:region{[A-Za-z]{2,3}\\.json}': ALL,
  'GET /feeds/kinds/:kind{[a-z-]{1,40}\\.json}': ALL,
  'GET /feeds/alerts.cap': ALL,
  'GET /cap/:id{[0-9A-Za-z]{1,40}\\.xml}': ALL,
  'GET /feeds/anniversaries.ics': ALL,
  'GET /feeds/countries/:cc/anniversaries.ics': ALL,
  // The API reference and its UI's assets.
  'GET /openapi.json': ALL,
  'GET /docs': ALL,
  'GET /docs/init.js': ALL,
  'GET /docs/swagger-ui-bundle.js': ALL,
  'GET /docs/swagger-ui.css': ALL,
  'GET /v1/publications/:id/deliveries': ['publisher'],
  'GET /v1/dev/outbox': ALL,
  // local mode only, like the outbox: the schedules, and running one now
  'GET /v1/dev/schedules': ALL,
  'POST /v1/dev/schedules/:name/run': ALL,
  // local mode only, like the JSON outbox: the outbox as pages
  'GET /dev/outbox': ALL,
  'GET /dev/outbox/:id': ALL,
  'GET /dev/outbox/:id/html': ALL,
  'POST /v1/dev/sms-opt-outs': ALL,
  'POST /v1/publications/:id/submit': ['publisher'],
  'POST /v1/publications/:id/approve': ['publisher'],
  'POST /v1/publications/:id/archive': ['publisher'],
  'POST /v1/publications/:id/publish': ['publisher'],
  'POST /v1/publications/:id/unarchive': ['publisher'],
  'POST /v1/publications/:id/return': ['publisher'],
  'GET /v1/me': SIGNED_IN,
  'GET /v1/organizations': ['publisher', 'admin'],
  'GET /v1/keys': SIGNED_IN,
  'POST /v1/keys': SIGNED_IN,
  'DELETE /v1/keys/:keyId': SIGNED_IN,
  'GET /v1/audit': ['admin'],
  'GET /v1/workbench': ['publisher', 'admin'],
  // subscriptions: anyone may subscribe (anonymous: CLEAR-only email/SMS) and open signed links; lists and deletes are per organization
  'POST /v1/subscriptions': ALL,
  'GET /v1/subscriptions': SIGNED_IN,
  'DELETE /v1/subscriptions/:id': SIGNED_IN,
  // links in messages open pages; these old link routes change nothing on GET and lead to them (docs/security.md, finding 1)
  'GET /v1/subscriptions/confirm': ALL,
  'POST /v1/subscriptions/confirm': ALL,
  'GET /v1/subscriptions/unsubscribe': ALL,
  'POST /v1/subscriptions/unsubscribe': ALL,
  // the short unsubscribe link in SMS (docs/decisions/0013): the code is the credential
  'GET /u/:code': ALL,
  'POST /u/:code': ALL,
  'POST /v1/personal-data/requests': ALL,
  'GET /v1/personal-data/export': ALL,
  // places: sites are organization-scoped like subscriptions (exposure, below, lists the caller's own sites too)
  'POST /v1/sites': SIGNED_IN,
  'GET /v1/sites': SIGNED_IN,
  'DELETE /v1/sites/:id': SIGNED_IN,
  'GET /feeds/alerts.geojson': ALL,
  'GET /feeds/countries/:cc{[A-Za-z]{2}\\.geojson}': ALL,
  'POST /v1/personal-data/erase': ALL,
  // the page a personal-data link opens, and its two buttons: the signed token is the credential
  'GET /personal-data': ALL,
  'POST /personal-data/export': ALL,
  'POST /personal-data/erase': ALL,
  'GET /assets/site.css': ALL,
  'GET /assets/:name{[a-z-]+\\.js}': ALL,
  'GET /search': ALL,
  'GET /': ALL,
  'GET /countries': ALL,
  'GET /levels': ALL,
  'GET /countries/:cc': ALL,
  'GET /publications/:id': ALL,
  // web UI (pages authenticate by session cookie or key; forms carry CSRF protection, see docs/decisions/0008)
  'GET /sign-in': ALL,
  'POST /sign-in': ALL,
  'GET /sign-in/callback': ALL,
  'POST /sign-in/callback': ALL,
  'POST /sign-out': ALL,
  'GET /subscribe': ALL,
  'POST /subscribe': ALL,
  'GET /subscribe/confirm': ALL,
  'POST /subscribe/confirm': ALL,
  'GET /subscribe/manage': ALL,
  'POST /subscribe/manage': ALL,
  'GET /subscribe/unsubscribe': ALL,
  'POST /subscribe/unsubscribe': ALL,
  // anonymous is redirected to sign-in; members and admins get a 403 page
  'GET /console': ['anonymous', 'publisher'],
  'GET /console/new': ['publisher'],
  'GET /console/place-map': ['publisher'],
  'POST /console/new': ['publisher'],
  'GET /console/publications/:id': ['publisher'],
  'GET /console/publications/:id/edit': ['publisher'],
  'GET /console/publications/:id/deliveries': ['publisher'],
  'POST /console/publications/:id/edit': ['publisher'],
  'POST /console/publications/:id/submit': ['publisher'],
  'POST /console/publications/:id/approve': ['publisher'],
  'POST /console/publications/:id/publish': ['publisher'],
  'POST /console/publications/:id/archive': ['publisher'],
  'POST /console/publications/:id/unarchive': ['publisher'],
  'POST /console/publications/:id/return': ['publisher'],
  'GET /console/items': ['publisher'],
  'GET /console/advisory-check': ['publisher'],
  // anonymous is redirected to sign-in
  'GET /portal': ALL,
  'POST /portal/keys': SIGNED_IN,
  'POST /portal/keys/:keyId/revoke': SIGNED_IN,
  // The organization's subscriptions and webhooks; another organization's are 404s.
  'POST /portal/subscriptions': SIGNED_IN,
  'GET /portal/subscriptions/:id': SIGNED_IN,
  'POST /portal/subscriptions/:id': SIGNED_IN,
  'POST /portal/subscriptions/:id/test': SIGNED_IN,
  'POST /portal/subscriptions/:id/pause': SIGNED_IN,
  'POST /portal/subscriptions/:id/resume': SIGNED_IN,
  'POST /portal/subscriptions/:id/delete': SIGNED_IN,
  // duty of care: every signed-in caller, for its own organization's travelers, trips and checks
  'POST /v1/travelers': SIGNED_IN,
  'GET /v1/travelers': SIGNED_IN,
  'GET /v1/travelers/export': SIGNED_IN,
  'GET /v1/travelers/:id': SIGNED_IN,
  'PATCH /v1/travelers/:id': SIGNED_IN,
  'DELETE /v1/travelers/:id': SIGNED_IN,
  'POST /v1/trips': SIGNED_IN,
  'GET /v1/trips': SIGNED_IN,
  'POST /v1/trips/import': SIGNED_IN,
  'DELETE /v1/trips/:id': SIGNED_IN,
  'GET /v1/publications/:id/exposure': SIGNED_IN,
  'GET /v1/organizations/me': SIGNED_IN,
  'PATCH /v1/organizations/me': SIGNED_IN,
  'POST /v1/safety-checks': SIGNED_IN,
  'GET /v1/safety-checks': SIGNED_IN,
  'GET /v1/safety-checks/:id': SIGNED_IN,
  // local mode only: the stand-in for two-way SMS, as a phone's reply arrives (no caller identity)
  'POST /v1/inbound/sms': ALL,
  // portal pages (anonymous GETs are redirected to sign-in)
  'GET /portal/travelers': ALL,
  'POST /portal/travelers': SIGNED_IN,
  'POST /portal/travelers/import': SIGNED_IN,
  'POST /portal/safety-checks': SIGNED_IN,
  'GET /portal/safety-checks/:id': ALL,
  'GET /portal/safety-checks/:id/answers': SIGNED_IN,
  // a traveler's answer page and alert stop page: the token or code in the link is the credential
  'GET /r/:token': ALL,
  'POST /r/:token': ALL,
  'GET /t/:code': ALL,
  'POST /t/:code': ALL,
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

  // Every route times every caller: hundreds of requests, which take tens of seconds while the rest of the suite shares the cores.
  it('allows exactly the decided callers on every route', { timeout: 120_000 }, async () => {
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
