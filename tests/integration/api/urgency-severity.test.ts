import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, advisoryInput, alertInput, call, makeHarness, type Harness } from '../../support/harness';

/** Urgency and severity: set by the publisher or defaulted per kind and level, shown in the API, on pages, in feeds and in CAP. */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let approver: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  approver = await addPerson(h, 'publisher', publisher.org);
});

async function publishAdvisory(country: string, level: 1 | 2 | 3 | 4, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: advisoryInput(country, level, extra) });
  expect(created.status, created.text).toBe(201);
  const id = created.json.id as string;
  await call(h, 'POST', `/v1/publications/${id}/submit`, { key: publisher.key });
  await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key });
  expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);
  return id;
}

describe('urgency and severity', () => {
  it('default per kind and level: a Level 4 advisory is Extreme and Immediate, a Level 1 Minor', async () => {
    const four = await publishAdvisory('SO', 4);
    const one = await publishAdvisory('IS', 1);
    const read = async (id: string) => (await call(h, 'GET', `/v1/publications/${id}`)).json;
    expect(await read(four)).toMatchObject({ urgency: 'Immediate', severity: 'Extreme' });
    expect(await read(one)).toMatchObject({ urgency: 'Future', severity: 'Minor' });
  });

  it("replace the defaults everywhere where the publisher set them: API, page, feeds and CAP", async () => {
    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['LS'], 'TLP:CLEAR', { alertType: 'transport', urgency: 'Expected', severity: 'Extreme' }) });
    const id = created.json.id as string;
    await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    expect((await call(h, 'GET', `/v1/publications/${id}`)).json).toMatchObject({ urgency: 'Expected', severity: 'Extreme' });
    const page = await call(h, 'GET', `/publications/${id}`);
    expect(page.text).toMatch(/Urgency: <strong>Expected<\/strong> · Severity: <strong>Extreme<\/strong>/);
    const cap = await call(h, 'GET', `/cap/${id}.xml`);
    expect(cap.text).toContain('<urgency>Expected</urgency>');
    expect(cap.text).toContain('<severity>Extreme</severity>');
    const json = await call(h, 'GET', '/feeds/countries/LS.json');
    expect(json.json.items[0]._outpost).toMatchObject({ urgency: 'Expected', severity: 'Extreme' });
    const atom = await call(h, 'GET', '/feeds/countries/LS.atom');
    expect(atom.text).toMatch(/<category scheme="[^"]*\/schemes\/severity" term="Extreme"/);
  });

  it('are cleared back to the default with null in a PATCH', async () => {
    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['BW'], 'TLP:CLEAR', { alertType: 'crime', severity: 'Severe' }) });
    const id = created.json.id as string;
    const etag = created.headers.get('etag')!;
    const patched = await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body: { severity: null }, headers: { 'if-match': etag } });
    expect(patched.status, patched.text).toBe(200);
    await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    expect((await call(h, 'GET', `/v1/publications/${id}`)).json.severity).toBe('Moderate');
  });

  it('refuse values outside CAP’s vocabularies with a 422 naming the field', async () => {
    const res = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['KE'], 'TLP:CLEAR', { urgency: 'Now', severity: 'extreme' }) });
    expect(res.status).toBe(422);
    expect((res.json.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['severity', 'urgency']);
  });
});
