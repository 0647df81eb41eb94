import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, advisoryInput, alertInput, call, makeHarness, type Harness } from '../../support/harness';

/**
 * Finding 5: withdrawing a published item of a kind that needs a second
 * publisher to publish (a travel advisory, a report) needs one too, so the
 * public map never falls to "no advisory" on one person's word. Security
 * alerts stay one-person (urgency). Both steps are audited.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let approver: Awaited<ReturnType<typeof addPerson>>;
let outsider: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  approver = await addPerson(h, 'publisher', publisher.org);
  outsider = await addPerson(h, 'publisher');
});

async function publishedAdvisory(country: string): Promise<string> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: advisoryInput(country, 3) });
  const id = created.json.id as string;
  expect((await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key })).status).toBe(200);
  expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);
  return id;
}

describe('archiving what needs two publishers', () => {
  it('takes a second publisher: one publisher’s archive is a request, and the advisory stays on the map until another confirms', async () => {
    const id = await publishedAdvisory('IS');
    const asked = await call(h, 'POST', `/v1/publications/${id}/archive`, { key: publisher.key });
    expect(asked.status).toBe(200);
    expect(asked.json.status).toBe('archive-requested');
    expect(asked.json.archiveRequest).toMatchObject({ requestedBy: publisher.personId });
    expect((await call(h, 'GET', '/v1/countries/IS')).json.level).toBe(3);
    // The public sees nothing of the workflow.
    const seen = await call(h, 'GET', `/v1/publications/${id}`);
    expect(seen.json.status).toBe('published');
    expect(seen.json.archiveRequest).toBeUndefined();

    // The same publisher again: still one person's word.
    const again = await call(h, 'POST', `/v1/publications/${id}/archive`, { key: publisher.key });
    expect(again.status).toBe(409);
    expect(again.json.type).toBe('/problems/second-publisher-required');
    // A publisher of another organization cannot even see it.
    expect((await call(h, 'POST', `/v1/publications/${id}/archive`, { key: outsider.key })).status).toBe(404);
    expect((await call(h, 'GET', '/v1/countries/IS')).json.level).toBe(3);

    const confirmed = await call(h, 'POST', `/v1/publications/${id}/archive`, { key: approver.key });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.status).toBe('archived');
    expect((await call(h, 'GET', '/v1/countries/IS')).json.level).toBeNull();

    const audit = (await h.deps.auditLog.list(50)).items.filter((e) => e.target.id === id);
    expect(audit.find((e) => e.action === 'publication.archive-requested')?.actor).toMatchObject({ personId: publisher.personId });
    const archived = audit.find((e) => e.action === 'publication.archived');
    expect(archived?.actor).toMatchObject({ personId: approver.personId });
    expect(archived?.details).toEqual({ requestedBy: publisher.personId });

    // Security alerts stay one-person (urgency), as do drafts that never reached the public.
    const alert = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['IS'], 'TLP:CLEAR') });
    await call(h, 'POST', `/v1/publications/${alert.json.id}/publish`, { key: publisher.key });
    expect((await call(h, 'POST', `/v1/publications/${alert.json.id}/archive`, { key: publisher.key })).json.status).toBe('archived');
    const draft = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: advisoryInput('FI', 2) });
    expect((await call(h, 'POST', `/v1/publications/${draft.json.id}/archive`, { key: publisher.key })).json.status).toBe('archived');
  });

  it('drops a pending request when a new version is published, so a confirmation cannot withdraw what its requester never saw', async () => {
    const id = await publishedAdvisory('NO');
    await call(h, 'POST', `/v1/publications/${id}/archive`, { key: publisher.key });
    const head = await call(h, 'GET', `/v1/publications/${id}`, { key: publisher.key });
    const edited = await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, headers: { 'if-match': head.headers.get('etag')! }, body: { level: 2, changeNote: 'Lowered.', major: true } });
    expect(edited.status).toBe(200);
    await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key });
    expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).json.status).toBe('published');
    const next = await call(h, 'POST', `/v1/publications/${id}/archive`, { key: approver.key });
    expect(next.json.status).toBe('archive-requested');
  });
});
