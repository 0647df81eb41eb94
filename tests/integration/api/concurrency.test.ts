import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, alertInput, call, makeHarness, type Harness } from '../../support/harness';

let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
});

describe('optimistic concurrency', () => {
  it('lets exactly one of many parallel conflicting updates win; the rest get 412', async () => {
    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['DE'], 'TLP:CLEAR') });
    const etag = created.headers.get('etag')!;
    const id = created.json.id as string;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body: { title: `Title ${i}` }, headers: { 'if-match': etag } })),
    );
    const statuses = attempts.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(7);
    const winner = attempts.find((a) => a.status === 200)!;
    const now = await call(h, 'GET', `/v1/publications/${id}`, { key: publisher.key });
    expect(now.json.title).toBe(winner.json.title);
    expect(now.headers.get('etag')).toBe(`"${id}.2"`);
  });

  it('answers 428 without If-Match and 412 with a stale one', async () => {
    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['DE'], 'TLP:CLEAR') });
    const id = created.json.id as string;
    expect((await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body: { title: 'a' } })).status).toBe(428);
    await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body: { title: 'b' }, headers: { 'if-match': created.headers.get('etag')! } });
    const stale = await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body: { title: 'c' }, headers: { 'if-match': created.headers.get('etag')! } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
  });

  it('replays the same response for a repeated Idempotency-Key and creates one draft', async () => {
    const headers = { 'idempotency-key': 'create-once-1' };
    const body = alertInput(['DE'], 'TLP:CLEAR', { title: 'Idempotent alert' });
    const [a, b] = [await call(h, 'POST', '/v1/publications', { key: publisher.key, body, headers }), await call(h, 'POST', '/v1/publications', { key: publisher.key, body, headers })];
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.id).toBe(a.json.id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const other = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: { ...body, title: 'Different' }, headers });
    expect(other.status).toBe(422);
    expect(other.json.type).toBe('/problems/idempotency-key-reused');
  });
});
