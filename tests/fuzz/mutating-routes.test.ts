import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../functions/http/router';
import { isPagePath } from '../../functions/http/page-paths';
import { addPerson, advisoryInput, BASE_URL, call, makeHarness, type Harness } from '../support/harness';
import { dumpTable } from '../support/table-dump';
import { assertProperty } from '../support/property';

/**
 * Hostile input against every mutating route of the registered route table
 * (POST, PATCH, DELETE, page forms included): wrong types, huge strings,
 * deep nesting, prototype-pollution keys, invalid UTF-8, control
 * characters, wrong content types, bad If-Match and Idempotency-Key values.
 * Every answer is below 500; every refusal is a problem+json 4xx (an HTML
 * page on page paths), and leaves the table exactly as it was.
 */
let h: Harness;
type Person = Awaited<ReturnType<typeof addPerson>>;
let publisher: Person;
let member: Person;
const ids: Record<string, string> = {};
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

/** Request bookkeeping a refusal may write: idempotency records (a stored 4xx replays) and rate-limit counters. */
const BOOKKEEPING = ['IDEM#', 'RATE#'];

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  member = await addPerson(h, 'member');
  const draft = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: advisoryInput('KE', 2) });
  ids.publication = draft.json.id as string;
  const key = await call(h, 'POST', '/v1/keys', { key: member.key, body: { name: 'second', scopes: ['read'] } });
  ids.key = key.json.keyId as string;
  const sub = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'email', address: 'fuzz-owner@example.org', countries: ['KE'] } });
  ids.subscription = sub.json.id as string;
  expect(ids.publication && ids.key && ids.subscription, JSON.stringify([draft.text, key.text, sub.text])).toBeTruthy();
});

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
});

function concrete(route: RouteEntry): string {
  const id = route.path.includes('/subscriptions/') ? ids.subscription! : ids.publication!;
  return route.path.replace(':keyId', ids.key!).replace(':id', id);
}

/** Publisher routes need a publisher to reach validation; everything else is tried as a member. */
function callerFor(route: RouteEntry): string | undefined {
  if (route.access.kind === 'public' && /^\/(sign-in|sign-out|subscribe)|personal-data|unsubscribe/.test(route.path)) return undefined;
  return /publications|console/.test(route.path) ? publisher.key : member.key;
}

// Generators ---------------------------------------------------------------

const POLLUTING = ['__proto__', 'constructor', 'prototype'];
const CONTROL = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)), maxLength: 20 });
const FIELDS = ['kind', 'title', 'countries', 'summary', 'body', 'sharing', 'recipients', 'level', 'indicators', 'changeNote', 'major', 'channel', 'address', 'url',
  'name', 'scopes', 'token', 'email', 'publishAt', 'role', 'orgId', 'status', 'version', 'rev', 'createdBy', 'regions', '_csrf', ...POLLUTING];

const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, '', 'TLP:RED', 'KE', 'travel-advisory', 'email', 'webhook', 'admin'),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    CONTROL,
    fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 10 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** JSON text; prototype-pollution keys are written literally so JSON.parse sees them as own keys. */
const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 8 }).map((o) => JSON.stringify(o)),
  fc.constantFrom(...POLLUTING).map((k) => `{"${k}":{"polluted":"yes","prototype":{"polluted":"yes"}},"title":"x"}`),
  fc.constant('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  fc.integer({ min: 33, max: 3_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.integer({ min: 33, max: 3_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  hostileValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('{', '{"a":1,}', 'null', '[]', '"str"', '1e999', '{"a":1}{"b":2}', '\ufeff{}'),
);

const invalidUtf8 = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
  fc.constantFrom([0xff, 0xfe], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]).map((b) => new Uint8Array(b)),
);

const formBody = fc
  .array(fc.tuple(fc.constantFrom(...FIELDS), fc.oneof(fc.string({ maxLength: 30 }), CONTROL, fc.constant('x'.repeat(70_000)))), { maxLength: 8 })
  .map((pairs) => new URLSearchParams(pairs).toString());

const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-16',
  'application/problem+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'a/b/c',
  'application/xml',
  'x'.repeat(2_000),
);

/** Header values a fetch Request accepts: visible ASCII, Latin-1 and tabs, never CR or LF. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)), maxLength: 300 }),
  fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((n) => String.fromCharCode(n)), minLength: 1, maxLength: 20 }),
  fc.constantFrom('*', 'W/"1"', '"999999"', '"-1"', '""', '"1", "2"', '\t', 'x'.repeat(8_000), '../../etc/passwd', '__proto__'),
);

const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom('__proto__[polluted]', 'constructor[prototype][polluted]', 'limit', 'token', 'next', 'cursor', '%ff', '%00'), fc.string({ maxLength: 10 })),
    fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('%ff%fe', '%00', '%c0%80', '-1', '1e999', 'x'.repeat(5_000)))), { maxLength: 5 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURI(k)}=${v.startsWith('%') ? v : encodeURIComponent(v)}`).join('&')}` : ''));

interface Hostile {
  body: string | Uint8Array | undefined;
  contentType: string | undefined;
  ifMatch: string | undefined;
  idempotencyKey: string | undefined;
  query: string;
}

const hostileRequest: fc.Arbitrary<Hostile> = fc.record({
  body: fc.oneof(hostileJson, hostileJson, invalidUtf8, formBody, fc.constant(undefined)),
  contentType,
  ifMatch: fc.option(headerValue, { nil: undefined }),
  idempotencyKey: fc.option(headerValue, { nil: undefined }),
  query: queryString,
});

// The property ----------------------------------------------------------------

async function send(route: RouteEntry, req: Hostile) {
  const headers: Record<string, string> = { origin: BASE_URL, accept: 'text/html,application/json' };
  const key = callerFor(route);
  if (key) headers.authorization = `Bearer ${key}`;
  if (req.contentType) headers['content-type'] = req.contentType;
  if (req.ifMatch !== undefined) headers['if-match'] = req.ifMatch;
  if (req.idempotencyKey !== undefined) headers['idempotency-key'] = req.idempotencyKey;
  const body = req.body instanceof Uint8Array ? new Uint8Array(req.body) : req.body;
  return h.app.request(new Request(`${BASE_URL}${concrete(route)}${req.query}`, { method: route.method, headers, ...(body !== undefined ? { body } : {}) }));
}

describe('hostile input on every mutating route', () => {
  it('finds the mutating routes in the registered route table', () => {
    const mutating = h.routes.filter((r) => r.method !== 'GET');
    expect(mutating.length).toBeGreaterThanOrEqual(20);
    expect(mutating.some((r) => isPagePath(r.path))).toBe(true);
  });

  it('answers below 500, refuses with a 4xx problem (or an HTML page), and changes nothing it refuses', { timeout: 240_000 }, async () => {
    const mutating = h.routes.filter((r) => r.method !== 'GET');
    let stored = JSON.stringify(await dumpTable(h, BOOKKEEPING));
    const outcomes: Record<string, Record<number, number>> = {};
    await assertProperty(
      fc.asyncProperty(fc.constantFrom(...mutating), hostileRequest, async (route, req) => {
        const res = await send(route, req);
        const text = await res.text();
        const label = `${route.method} ${route.path} → ${res.status}: ${text.slice(0, 300)}`;
        (outcomes[`${route.method} ${route.path}`] ??= {})[res.status] = ((outcomes[`${route.method} ${route.path}`] ?? {})[res.status] ?? 0) + 1;
        expect(res.status, label).toBeLessThan(500);
        const after = JSON.stringify(await dumpTable(h, BOOKKEEPING));
        if (res.status >= 400) {
          const type = res.headers.get('content-type') ?? '';
          if (isPagePath(route.path)) expect(type, label).toMatch(/text\/html|application\/problem\+json/);
          else {
            expect(type, label).toContain('application/problem+json');
            const problem = JSON.parse(text) as { status: number; type: string; title: string };
            expect(problem.status, label).toBe(res.status);
          }
          expect(text, label).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack traces
          expect(after, `${label}\n${JSON.stringify(req).slice(0, 500)}`).toBe(stored);
        }
        stored = after;
        expect(({} as Record<string, unknown>).polluted, label).toBeUndefined();
      }),
      { numRuns: 400 },
    );
    // Every route was reached, and at least some input got past authentication on each.
    expect(Object.keys(outcomes).length).toBe(mutating.length);
  });

  it('leaves Object.prototype unpolluted', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
