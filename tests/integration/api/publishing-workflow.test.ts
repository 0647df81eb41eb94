import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, advisoryInput, alertInput, call, makeHarness, type Harness } from '../../support/harness';

let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let approver: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  approver = await addPerson(h, 'publisher', publisher.org);
});

const HOUR_MS = 3_600_000;

/** The same deps with the clock an hour and a minute ahead: the scheduler sees due work without the test sleeping. */
function inAnHour(deps: Harness['deps']): Harness['deps'] {
  return { ...deps, clock: { now: () => new Date(Date.now() + HOUR_MS + 60_000).toISOString() } };
}

async function draft(input: unknown) {
  const res = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: input });
  expect(res.status, res.text).toBe(201);
  return res;
}

describe('publishing a travel advisory', () => {
  it('goes draft → submitted → approved → published and shows on the country', async () => {
    const created = await draft(advisoryInput('KE', 2, { indicators: ['C', 'T'] }));
    const id = created.json.id as string;
    expect(created.json.status).toBe('draft');
    expect(created.headers.get('etag')).toBe(`"${id}.1"`);

    expect((await call(h, 'GET', `/v1/publications/${id}`)).status).toBe(404);

    const submitted = await call(h, 'POST', `/v1/publications/${id}/submit`, { key: publisher.key });
    expect(submitted.json.status).toBe('submitted');

    const early = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect(early.json.detail).toMatch(/approval/);

    const selfApproval = await call(h, 'POST', `/v1/publications/${id}/approve`, { key: publisher.key });
    expect(selfApproval.status).toBe(409);
    expect(selfApproval.json.type).toBe('/problems/second-publisher-required');

    const approved = await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');

    const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({ status: 'published', version: 1, level: 2, regions: ['AF'] });

    const country = await call(h, 'GET', '/v1/countries/KE');
    expect(country.json).toMatchObject({ code: 'KE', name: 'Kenya', region: 'AF', level: 2 });
    expect(country.json.advisory.id).toBe(id);
    expect(country.json.recent.map((r: { id: string }) => r.id)).toContain(id);

    const list = await call(h, 'GET', '/v1/countries');
    expect(list.json.items.find((c: { code: string }) => c.code === 'KE').level).toBe(2);
  });

  it('amends with a new immutable version and keeps the history', async () => {
    const id = (await draft(advisoryInput('TZ', 1))).json.id as string;
    await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key });
    const v1 = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    const etag = v1.headers.get('etag')!;

    const noNote = await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body: { level: 3 }, headers: { 'if-match': etag } });
    expect(noNote.status).toBe(422);
    expect(noNote.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['changeNote', 'major']);

    const amended = await call(h, 'PATCH', `/v1/publications/${id}`, {
      key: publisher.key,
      body: { level: 3, changeNote: 'Raised to level 3 after unrest.', major: true },
      headers: { 'if-match': etag },
    });
    expect(amended.status).toBe(200);
    expect(amended.json.level).toBe(1);
    expect(amended.json.workflow).toMatchObject({ stage: 'draft', nextVersion: 2 });

    // The public still sees version 1 until the amendment is approved and published.
    expect((await call(h, 'GET', `/v1/publications/${id}`)).json.level).toBe(1);
    await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key });
    const v2 = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    expect(v2.json).toMatchObject({ version: 2, level: 3, changeNote: 'Raised to level 3 after unrest.', major: true });

    const versions = await call(h, 'GET', `/v1/publications/${id}/versions`);
    expect(versions.json.items.map((v: { version: number; level: number }) => [v.version, v.level])).toEqual([
      [1, 1],
      [2, 3],
    ]);
    expect((await call(h, 'GET', '/v1/countries/TZ')).json.level).toBe(3);
  });

  it('supersedes the current advisory for the same country', async () => {
    const first = (await draft(advisoryInput('UG', 2))).json.id as string;
    await call(h, 'POST', `/v1/publications/${first}/approve`, { key: approver.key });
    await call(h, 'POST', `/v1/publications/${first}/publish`, { key: publisher.key });
    const second = (await draft(advisoryInput('UG', 4))).json.id as string;
    await call(h, 'POST', `/v1/publications/${second}/approve`, { key: approver.key });
    await call(h, 'POST', `/v1/publications/${second}/publish`, { key: publisher.key });

    const country = await call(h, 'GET', '/v1/countries/UG');
    expect(country.json.level).toBe(4);
    expect(country.json.advisory.id).toBe(second);
    const old = await call(h, 'GET', `/v1/publications/${first}`);
    expect(old.json).toMatchObject({ status: 'archived', supersededBy: second });
    const listed = await call(h, 'GET', '/v1/publications?country=UG&kind=travel-advisory');
    expect(listed.json.items.map((i: { id: string }) => i.id)).toEqual([second]);
  });

  it('lets one publisher publish a security alert without approval', async () => {
    const id = (await draft(alertInput(['MX'], 'TLP:CLEAR'))).json.id as string;
    const res = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    expect(res.json.status).toBe('published');
    const approve = await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key });
    expect(approve.status).toBe(409);
  });

  it('schedules a publish for later and the scheduler releases it when due', async () => {
    const id = (await draft(alertInput(['PE'], 'TLP:CLEAR'))).json.id as string;
    const at = new Date(Date.now() + HOUR_MS).toISOString();
    const scheduled = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key, body: { publishAt: at } });
    expect(scheduled.json.status).toBe('scheduled');
    const { runScheduler } = await import('../../../shared/services/run-scheduler');
    expect((await runScheduler(h.deps)).published).not.toContain(id);
    expect((await runScheduler(inAnHour(h.deps))).published).toContain(id);
    expect((await call(h, 'GET', `/v1/publications/${id}`)).json.status).toBe('published');
  });

  it('expires a published item at its end time', async () => {
    const id = (await draft(alertInput(['CO'], 'TLP:CLEAR', { expiresAt: new Date(Date.now() + HOUR_MS).toISOString() }))).json.id as string;
    await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    const { runScheduler } = await import('../../../shared/services/run-scheduler');
    expect((await runScheduler(h.deps)).expired).not.toContain(id);
    expect((await runScheduler(inAnHour(h.deps))).expired).toContain(id);
    expect((await call(h, 'GET', `/v1/publications/${id}`)).json.status).toBe('expired');
    const listed = await call(h, 'GET', '/v1/publications?country=CO');
    expect(listed.json.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('refuses to edit or publish an archived publication', async () => {
    const created = await draft(alertInput(['BR'], 'TLP:CLEAR'));
    const id = created.json.id as string;
    const archived = await call(h, 'POST', `/v1/publications/${id}/archive`, { key: publisher.key });
    expect(archived.json.status).toBe('archived');
    const edit = await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body: { title: 'x' }, headers: { 'if-match': archived.headers.get('etag')! } });
    expect(edit.status).toBe(409);
    expect(edit.json.detail).toMatch(/archived/);
  });

  it('records every state change in the audit trail', async () => {
    const admin = await addPerson(h, 'admin', publisher.org);
    const id = (await draft(alertInput(['AR'], 'TLP:CLEAR'))).json.id as string;
    await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    const audit = await call(h, 'GET', '/v1/audit?limit=200', { key: admin.key });
    const mine = audit.json.items.filter((e: { target: { id: string } }) => e.target.id === id);
    expect(mine.map((e: { action: string }) => e.action).sort()).toEqual(['publication.created', 'publication.published']);
    expect(mine[0].actor).toMatchObject({ personId: publisher.personId, keyId: publisher.keyId });
    expect((await call(h, 'GET', '/v1/audit', { key: publisher.key })).status).toBe(403);
  });
});
