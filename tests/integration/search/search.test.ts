import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/adapters/system/json-logger';
import { startLocalRuntime, type LocalRuntime } from '../../../infra/local/runtime';
import { addPerson, alertInput, call, makeHarness, type Harness } from '../../support/harness';
import { uniqueSearchWord } from '../../support/unique';

/**
 * Search through the API against DynamoDB Local, with the local runtime's
 * search indexer reading the table's real stream on its timers, as `npm
 * start` runs it: what is published is found within 2 s, and sharing levels
 * hold for hits, totals and facets.
 */
let h: Harness;
let runtime: LocalRuntime;
let publisher: Awaited<ReturnType<typeof addPerson>>;
const members: Awaited<ReturnType<typeof addPerson>>[] = [];

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  for (let i = 0; i < 2; i++) members.push(await addPerson(h, 'member'));
  runtime = await startLocalRuntime({ deps: h.deps, endpoint: h.endpoint, tableName: h.tableName, logger: silentLogger, workers: false, schedules: false });
});

afterAll(async () => {
  await runtime?.stop();
});

type Sharing = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER';

async function publish(sharing: Sharing, text: string, extra: Record<string, unknown> = {}): Promise<{ id: string; etag: string }> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['CO'], sharing as 'TLP:CLEAR', { summary: text, ...extra }) });
  expect(created.status, created.text).toBe(201);
  const id = created.json.id as string;
  const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
  expect(published.status, published.text).toBe(200);
  return { id, etag: published.headers.get('etag')! };
}

function search(q: string, key?: string, params: Record<string, string> = {}) {
  const qs = new URLSearchParams({ q, ...params });
  return call(h, 'GET', `/v1/search?${qs}`, key ? { key } : {});
}

/** Polls until `check` holds; resolves to the milliseconds it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not true within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

const ids = (res: Awaited<ReturnType<typeof search>>) => (res.json.items as { id: string }[]).map((i) => i.id);

describe('search over the API', () => {
  it('finds a unique word of a new CLEAR item within 2 s of publishing', async () => {
    const word = uniqueSearchWord();
    const { id } = await publish('TLP:CLEAR', `Roadblocks reported near ${word}.`);
    const took = await within(2_000, async () => ids(await search(word)).includes(id));
    expect(took).toBeLessThan(2_000);
    const hit = (await search(word)).json.items[0];
    expect(hit).toMatchObject({ id, kind: 'security-alert', countries: ['CO'], sharing: 'TLP:CLEAR', status: 'published' });
    expect(hit.snippet).toContain(`<mark>${word}</mark>`);
  });

  it('does not let a word only in a GREEN item reach anonymous callers: no hit, no facet count, same total; a member key finds it', async () => {
    const shared = uniqueSearchWord();
    const secret = uniqueSearchWord();
    const clear = await publish('TLP:CLEAR', `Curfew ${shared}.`);
    await within(2_000, async () => ids(await search(shared)).includes(clear.id));
    const before = await search(shared);

    const green = await publish('TLP:GREEN', `Curfew ${shared} ${secret}.`, { countries: ['KE'] });
    await within(2_000, async () => ids(await search(secret, members[0]!.key)).includes(green.id));

    const anonymousSecret = await search(secret);
    expect(anonymousSecret.json).toEqual({ items: [], total: 0, facets: { kind: {}, country: {}, region: {}, year: {} } });
    expect((await search(shared)).json).toEqual(before.json);
    const member = await search(shared, members[0]!.key);
    expect(member.json.total).toBe(2);
    expect(member.json.facets.country).toEqual({ CO: 1, KE: 1 });
  });

  it('finds an AMBER item for the named organization and the publisher only', async () => {
    const word = uniqueSearchWord();
    const amber = await publish('TLP:AMBER', `Threat to ${word} offices.`, { recipients: [members[0]!.orgId] });
    await within(2_000, async () => ids(await search(word, members[0]!.key)).includes(amber.id));
    expect(ids(await search(word, publisher.key))).toEqual([amber.id]);
    expect((await search(word, members[1]!.key)).json.total).toBe(0);
    expect((await search(word)).json.total).toBe(0);
  });

  it('forgives a typo, completes the last word and ignores accents', async () => {
    const word = uniqueSearchWord();
    const { id } = await publish('TLP:CLEAR', `Landslides block the road to Quibdó; ${word} closed.`);
    await within(2_000, async () => ids(await search(word)).includes(id));
    for (const q of [`lanslides ${word}`, `${word} landsl`, `quibdo ${word}`, `${word} QUIBDÓ`, `landslide ${word}`]) {
      expect(ids(await search(q)), q).toEqual([id]);
    }
  });

  it('shows an amendment instead of the version it replaces, and leaves archived items out unless asked', async () => {
    const first = uniqueSearchWord();
    const second = uniqueSearchWord();
    const { id, etag } = await publish('TLP:CLEAR', `Protest at ${first}.`);
    await within(2_000, async () => ids(await search(first)).includes(id));
    const edited = await call(h, 'PATCH', `/v1/publications/${id}`, {
      key: publisher.key,
      headers: { 'if-match': etag },
      body: { summary: `Protest moved to ${second}.`, changeNote: 'Moved', major: false },
    });
    expect(edited.status, edited.text).toBe(200);
    expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);
    await within(2_000, async () => ids(await search(second)).includes(id));
    expect((await search(first)).json.total).toBe(0);

    expect((await call(h, 'POST', `/v1/publications/${id}/archive`, { key: publisher.key })).status).toBe(200);
    await within(2_000, async () => (await search(second)).json.total === 0);
    const archived = await search(second, undefined, { include: 'archived' });
    expect(archived.json.items).toMatchObject([{ id, status: 'archived' }]);
  });

  it('pages through every match once with facets that count them all', async () => {
    const word = uniqueSearchWord();
    const published: string[] = [];
    for (const country of ['FR', 'FR', 'KE', 'JP', 'FR', 'KE', 'BR']) published.push((await publish('TLP:CLEAR', `${word} notice`, { countries: [country] })).id);
    await within(5_000, async () => (await search(word)).json.total === published.length);
    const pages = [await search(word, undefined, { limit: '3' })];
    while (pages.at(-1)!.json.next) pages.push(await search(word, undefined, { limit: '3', cursor: pages.at(-1)!.json.next }));
    const seen = pages.flatMap(ids);
    expect(pages).toHaveLength(3);
    expect(seen.sort()).toEqual([...published].sort());
    expect(pages[0]!.json.facets.country).toEqual({ FR: 3, KE: 2, JP: 1, BR: 1 });
    expect(pages[0]!.json.facets.region).toEqual({ EUR: 3, AF: 2, EAP: 1, WHA: 1 });
    const filtered = await search(word, undefined, { country: 'FR' });
    expect(filtered.json.total).toBe(3);
    expect(filtered.json.facets.country).toEqual({ FR: 3 });
  });

  it('names the failing fields of a bad query and refuses a cursor it did not issue', async () => {
    const bad = await call(h, 'GET', '/v1/search?limit=0&level=9&colour=red');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((bad.json.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['colour', 'level', 'limit']);
    const cursor = await call(h, 'GET', '/v1/search?q=x&cursor=bm90LWEtY3Vyc29y');
    expect(cursor.status).toBe(400);
  });
});

describe('the search page', () => {
  it('shows results that link to their publication and facets as links, without scripts', async () => {
    const word = uniqueSearchWord();
    const { id } = await publish('TLP:CLEAR', `Evacuation of ${word}.`, { countries: ['PE'] });
    await within(2_000, async () => ids(await search(word)).includes(id));
    const page = await call(h, 'GET', `/search?q=${word}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/publications/${id}"`);
    expect(page.text).toContain(`<mark>${word}</mark>`);
    expect(page.text).toContain(`href="/search?q=${word}&amp;country=PE"`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const filtered = await call(h, 'GET', `/search?q=${word}&country=PE`);
    expect(filtered.text).toContain('1 result');
  });

  it('puts a search box in the header of every page', async () => {
    const home = await call(h, 'GET', '/');
    expect(home.text).toMatch(/<form class="site-search" method="get" action="\/search" role="search"/);
    expect(home.headers.get('content-security-policy')).not.toContain('script-src');
  });

  it('explains a bad query on the page rather than failing', async () => {
    const page = await call(h, 'GET', '/search?q=x&level=9');
    expect(page.status).toBe(422);
    expect(page.text).toContain('This search could not be run');
  });
});
