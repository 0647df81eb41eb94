import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, advisoryInput, alertInput, call, makeHarness, type Harness } from '../../support/harness';
import { uniqueMarker } from '../../support/unique';

/**
 * Finding 6: nothing public may move or show because of a restricted item.
 * Public validators (ETag, Last-Modified) change only when public content
 * does, and public views number versions among the public ones only.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let approver: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;
/** Moved ahead instead of sleeping, so a change made "later" has a later Last-Modified to the second. */
let offsetMs = 0;
const later = () => (offsetMs += 3_600_000);

beforeAll(async () => {
  h = await makeHarness({ clock: { now: () => new Date(Date.now() + offsetMs).toISOString() } });
  publisher = await addPerson(h, 'publisher');
  approver = await addPerson(h, 'publisher', publisher.org);
  member = await addPerson(h, 'member');
});

async function release(id: string, approve: boolean) {
  if (approve) expect((await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key })).status).toBe(200);
  const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
  expect(published.status, published.text).toBe(200);
}

async function publish(input: Record<string, unknown>): Promise<string> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: input });
  expect(created.status, created.text).toBe(201);
  await release(created.json.id as string, input.kind === 'travel-advisory');
  return created.json.id as string;
}

async function amend(id: string, patch: Record<string, unknown>, approve: boolean) {
  const current = await call(h, 'GET', `/v1/publications/${id}`, { key: publisher.key });
  const edited = await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, headers: { 'if-match': current.headers.get('etag')! }, body: patch });
  expect(edited.status, edited.text).toBe(200);
  await release(id, approve);
}

/** What a cache or crawler keeps of a public document. */
async function validators(path: string) {
  const res = await call(h, 'GET', path);
  expect(res.status, path).toBe(200);
  return { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
}

const PUBLIC_DOCUMENTS = ['/feeds/all.atom', '/feeds/countries/KE.rss', '/feeds/kinds/security-alert.json', '/feeds/alerts.cap', '/v1/countries', '/v1/countries/KE', '/v1/countries/TZ'];

describe('public validators', () => {
  it('do not move when GREEN and AMBER items are published, amended or archived, in the same or other scopes', async () => {
    await publish(alertInput(['KE'], 'TLP:CLEAR', { title: `Public ${uniqueMarker()}` }));
    const before = await Promise.all(PUBLIC_DOCUMENTS.map(validators));

    later();
    const green = await publish(alertInput(['KE'], 'TLP:GREEN', { title: `Members ${uniqueMarker()}` }));
    const amber = await publish(alertInput(['TZ', 'FR'], 'TLP:AMBER', { title: `Named ${uniqueMarker()}`, recipients: [member.orgId] }));
    later();
    await amend(green, { summary: 'Still for members only.', changeNote: 'Updated.', major: true }, false);
    expect((await call(h, 'POST', `/v1/publications/${amber}/archive`, { key: publisher.key })).status).toBe(200);

    expect(await Promise.all(PUBLIC_DOCUMENTS.map(validators))).toEqual(before);
    for (const [i, path] of PUBLIC_DOCUMENTS.entries()) {
      expect((await call(h, 'GET', path, { headers: { 'if-modified-since': before[i]!.lastModified! } })).status, path).toBe(304);
    }
  });

  it('of a publication do not move while its amendment is drafted and approved, only when it is published', async () => {
    const id = await publish(advisoryInput('UG', 2));
    const path = `/v1/publications/${id}`;
    const before = await call(h, 'GET', path);
    later();
    const current = await call(h, 'GET', path, { key: publisher.key });
    const patch = { level: 3, changeNote: 'Raised.', major: true };
    expect((await call(h, 'PATCH', path, { key: publisher.key, headers: { 'if-match': current.headers.get('etag')! }, body: patch })).status).toBe(200);
    expect((await call(h, 'POST', `${path}/approve`, { key: approver.key })).status).toBe(200);

    const during = await call(h, 'GET', path);
    expect(during.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(during.headers.get('last-modified')).toBe(before.headers.get('last-modified'));
    expect(during.json.updatedAt).toBe(before.json.updatedAt);
    expect((await call(h, 'GET', path, { headers: { 'if-none-match': before.headers.get('etag')! } })).status).toBe(304);

    expect((await call(h, 'POST', `${path}/publish`, { key: publisher.key })).status).toBe(200);
    expect((await call(h, 'GET', path)).headers.get('etag')).not.toBe(before.headers.get('etag'));
  });
});

describe('public versions', () => {
  it('number an item widened from GREEN to CLEAR from 1, first published when it became public; members keep the full history', async () => {
    const id = await publish(alertInput(['RW'], 'TLP:GREEN', { title: `Widened ${uniqueMarker()}` }));
    const greenAt = (await call(h, 'GET', `/v1/publications/${id}`, { key: member.key })).json.publishedAt as string;
    later();
    await amend(id, { sharing: 'TLP:CLEAR', changeNote: 'Now public.', major: true }, false);

    const seen = await call(h, 'GET', `/v1/publications/${id}`);
    expect(seen.json.version).toBe(1);
    expect(seen.json.firstPublishedAt).toBe(seen.json.publishedAt);
    expect(seen.json.firstPublishedAt).not.toBe(greenAt);
    const versions = await call(h, 'GET', `/v1/publications/${id}/versions`);
    expect(versions.json.items.map((v: { version: number }) => v.version)).toEqual([1]);
    const listed = await call(h, 'GET', '/v1/publications?country=RW');
    expect(listed.json.items.find((v: { id: string }) => v.id === id).version).toBe(1);
    expect((await call(h, 'GET', '/v1/countries/RW')).json.recent.find((v: { id: string }) => v.id === id).version).toBe(1);
    expect((await call(h, 'GET', `/v1/publications/${id}/versions/1/diff`)).json).toMatchObject({ from: null, to: 1 });
    expect((await call(h, 'GET', `/v1/publications/${id}/versions/2/diff`)).status).toBe(404);
    const cap = await call(h, 'GET', `/cap/${id}.xml`);
    expect(cap.text).toContain(`urn:outpost:alert:${id}:v1`);
    expect(cap.text).toContain('<msgType>Alert</msgType>');
    const page = await call(h, 'GET', `/publications/${id}`, { headers: { accept: 'text/html' } });
    expect(page.text).toContain('version 1');
    expect(page.text).not.toContain('version 2');

    const members = await call(h, 'GET', `/v1/publications/${id}`, { key: member.key });
    expect(members.json.version).toBe(2);
    expect(members.json.firstPublishedAt).toBe(greenAt);
  });
});
