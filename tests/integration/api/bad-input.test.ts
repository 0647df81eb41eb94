import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, advisoryInput, call, makeHarness, type Harness } from '../../support/harness';

let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
});

function expectProblem(res: Awaited<ReturnType<typeof call>>, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.json).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), title: expect.any(String), detail: expect.any(String) });
}

describe('bad input gets a clear 4xx problem', () => {
  it('malformed JSON is a 400', async () => {
    expectProblem(await call(h, 'POST', '/v1/publications', { key: publisher.key, body: '{"kind": "travel-advisory",' }), 400);
  });

  it('a non-JSON content type is a 415', async () => {
    expectProblem(await call(h, 'POST', '/v1/publications', { key: publisher.key, body: 'kind=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  });

  it('unknown fields are refused by name', async () => {
    const res = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: { ...advisoryInput('KE', 2), status: 'published', regions: ['EUR'] } });
    expectProblem(res, 422);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['regions', 'status']);
  });

  it('wrong types and unknown countries name their fields', async () => {
    const res = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: { ...advisoryInput('KE', 2), level: '2', countries: ['XX'] } });
    expectProblem(res, 422);
    const paths = res.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('level');
    expect(paths).toContain('countries.0');
  });

  it('an unknown kind names the kind field', async () => {
    const res = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: { ...advisoryInput('KE', 2), kind: 'rumour' } });
    expectProblem(res, 422);
    expect(res.json.errors[0].path).toBe('kind');
  });

  it('an oversized body is a 413', async () => {
    expectProblem(await call(h, 'POST', '/v1/publications', { key: publisher.key, body: { ...advisoryInput('KE', 2), body: 'x'.repeat(300_000) } }), 413);
  });

  it('a body too long for its field is a 422 on that field', async () => {
    const res = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: { ...advisoryInput('KE', 2), body: 'x'.repeat(50_000) } });
    expectProblem(res, 422);
    expect(res.json.errors[0].path).toBe('body');
  });

  it('deeply nested JSON is refused before validation', async () => {
    const deep = '{"a":'.repeat(100) + '1' + '}'.repeat(100);
    expectProblem(await call(h, 'POST', '/v1/publications', { key: publisher.key, body: deep }), 400);
  });

  it('bad and tampered cursors are a 400', async () => {
    expectProblem(await call(h, 'GET', '/v1/publications?cursor=not-a-cursor!'), 400);
    const forged = Buffer.from(JSON.stringify({ v: 1, k: 'x', q: 'AAAAAAAAAAAAAAAA' })).toString('base64url');
    expectProblem(await call(h, 'GET', `/v1/publications?cursor=${forged}`), 400);
    expectProblem(await call(h, 'GET', `/v1/publications?cursor=${Buffer.from('{"v":1}').toString('base64url')}`), 400);
  });

  it('bad query parameters are a 422 naming them', async () => {
    const res = await call(h, 'GET', '/v1/publications?limit=0&kind=rumour&colour=red');
    expectProblem(res, 422);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'kind', 'limit']);
  });

  it('bad keys are a 401', async () => {
    expectProblem(await call(h, 'GET', '/v1/me', { key: 'op_00000000_' + 'A'.repeat(43) }), 401);
    expectProblem(await call(h, 'GET', '/v1/me', { headers: { authorization: 'Basic abc' } }), 401);
    expectProblem(await call(h, 'GET', '/v1/publications', { key: 'nonsense' }), 401);
  });

  it('a revoked key stops working at once', async () => {
    const person = await addPerson(h, 'member');
    expect((await call(h, 'DELETE', `/v1/keys/${person.keyId}`, { key: person.key })).status).toBe(200);
    expectProblem(await call(h, 'GET', '/v1/me', { key: person.key }), 401);
  });

  it('unknown countries, publications and routes are 404 problems', async () => {
    expectProblem(await call(h, 'GET', '/v1/countries/XX'), 404);
    expectProblem(await call(h, 'GET', '/v1/countries/%00%00'), 404);
    expectProblem(await call(h, 'GET', '/v1/publications/01ARZ3NDEKTSV4RRFFQ69G5FAV'), 404);
    expectProblem(await call(h, 'GET', '/v1/publications/../../etc'), 404);
    expectProblem(await call(h, 'GET', '/v1/nothing-here'), 404);
  });

  it('nothing refused changes what is stored', async () => {
    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: advisoryInput('KE', 2) });
    const id = created.json.id as string;
    const etag = created.headers.get('etag')!;
    const before = await call(h, 'GET', `/v1/publications/${id}`, { key: publisher.key });
    for (const body of [{ level: 9 }, { countries: ['KE', 'TZ'] }, { kind: 'announcement' }, { sharing: 'TLP:RED' }, { nonsense: true }, { recipients: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'] }]) {
      const res = await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body, headers: { 'if-match': etag } });
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const after = await call(h, 'GET', `/v1/publications/${id}`, { key: publisher.key });
    expect(after.text).toBe(before.text);
  });
});
