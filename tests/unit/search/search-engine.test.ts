import { describe, expect, it } from 'vitest';
import { SearchQuerySchema, type SearchQuery, type SearchResult } from '../../../shared/domain/search-query';
import type { Viewer } from '../../../shared/domain/sharing';
import { BadCursorError } from '../../../shared/errors';
import { runSearch } from '../../../shared/services/search/run-search';
import { SearchEngine } from '../../../shared/services/search/search-engine';
import { uniqueSearchWord } from '../../support/unique';
import { anonymous, memberOf, ORG_A, ORG_B, ORG_C, searchDoc, seeded } from './fixtures';

const query = (input: Record<string, unknown>): SearchQuery => SearchQuerySchema.parse(input);
const search = (engine: SearchEngine, viewer: Viewer, input: Record<string, unknown>): SearchResult => runSearch(engine, viewer, query(input));
const ids = (result: SearchResult) => result.items.map((item) => item.id);

function engineWith(...docs: ReturnType<typeof searchDoc>[]): SearchEngine {
  const engine = SearchEngine.empty();
  for (const doc of docs) engine.apply(doc);
  return engine;
}

describe('search matching', () => {
  it('forgives one edit in words of five or more letters, and none in shorter ones', () => {
    const doc = searchDoc({ text: 'Flooding closed the riot police station.' });
    const engine = engineWith(doc);
    expect(ids(search(engine, anonymous, { q: 'floodng' }))).toEqual([doc.id]);
    expect(ids(search(engine, anonymous, { q: 'station xx' }))).toEqual([]);
    expect(ids(search(engine, anonymous, { q: 'flodong' }))).toEqual([]);
    expect(ids(search(engine, anonymous, { q: 'rioy police' }))).toEqual([]);
  });

  it('matches the last word as a prefix and the others as whole words', () => {
    const doc = searchDoc({ title: 'Protests in Bogotá', text: 'Demonstrations near the airport.' });
    const engine = engineWith(doc);
    expect(ids(search(engine, anonymous, { q: 'airport bog' }))).toEqual([doc.id]);
    expect(ids(search(engine, anonymous, { q: 'bog airport' }))).toEqual([]);
  });

  it('finds other forms of an English word', () => {
    const doc = searchDoc({ text: 'Kidnappings were reported.' });
    expect(ids(search(engineWith(doc), anonymous, { q: 'kidnapped report' }))).toEqual([doc.id]);
  });

  it('ignores diacritics both ways', () => {
    const accented = searchDoc({ title: 'Bogotá curfew' });
    const plain = searchDoc({ title: 'Medellin curfew' });
    const engine = engineWith(accented, plain);
    expect(ids(search(engine, anonymous, { q: 'Bogota curfew' }))).toEqual([accented.id]);
    expect(ids(search(engine, anonymous, { q: 'Medellín curfew' }))).toEqual([plain.id]);
  });

  it('finds an item by the name of its country', () => {
    const doc = searchDoc({ countries: ['KE'], regions: ['AF'], places: 'Kenya' });
    expect(ids(search(engineWith(doc), anonymous, { q: 'kenya' }))).toEqual([doc.id]);
  });

  it('matches nothing when every word is a stop word', () => {
    expect(search(engineWith(searchDoc()), anonymous, { q: 'the of' })).toEqual({ items: [], total: 0, facets: { kind: {}, country: {}, region: {}, year: {} } });
  });

  it('marks the matched words in the snippet', () => {
    const word = uniqueSearchWord();
    const doc = searchDoc({ text: `Roads closed <near> ${word} bridge.` });
    expect(search(engineWith(doc), anonymous, { q: word }).items[0]!.snippet).toBe(`Roads closed &lt;near&gt; <mark>${word}</mark> bridge.`);
  });
});

describe('search and sharing levels', () => {
  it('lets no word of a GREEN item change what an anonymous caller gets: hits, order, total or facets', () => {
    const shared = uniqueSearchWord();
    const secret = uniqueSearchWord();
    const clear = [searchDoc({ text: `${shared} alpha` }), searchDoc({ text: `${shared} ${shared} beta`, countries: ['PE'], regions: ['WHA'] })];
    const green = searchDoc({ sharing: 'TLP:GREEN', text: `${shared} ${secret}`, countries: ['KE'], regions: ['AF'] });
    const without = engineWith(...clear);
    const withGreen = engineWith(...clear, green);
    for (const q of [shared, secret, '', `${shared} alpha`]) {
      expect(search(withGreen, anonymous, { q }), q).toEqual(search(without, anonymous, { q }));
    }
    expect(search(withGreen, anonymous, { q: secret }).total).toBe(0);
    expect(ids(search(withGreen, memberOf(ORG_C), { q: secret }))).toEqual([green.id]);
  });

  it('finds an AMBER item for the publisher and the named organizations only', () => {
    const word = uniqueSearchWord();
    const amber = searchDoc({ sharing: 'TLP:AMBER', orgId: ORG_A, recipients: [ORG_B], text: word });
    const engine = engineWith(amber, searchDoc({ text: 'unrelated' }));
    expect(ids(search(engine, memberOf(ORG_A), { q: word }))).toEqual([amber.id]);
    expect(ids(search(engine, memberOf(ORG_B), { q: word }))).toEqual([amber.id]);
    expect(search(engine, memberOf(ORG_C), { q: word })).toMatchObject({ items: [], total: 0, facets: { kind: {} } });
    expect(search(engine, anonymous, { q: word }).total).toBe(0);
    // Browsing without words counts only what each may see.
    expect(search(engine, memberOf(ORG_C), {}).total).toBe(1);
    expect(search(engine, memberOf(ORG_B), {}).total).toBe(2);
  });

  it("keeps another organization's AMBER words out of a member's ranking", () => {
    const word = uniqueSearchWord();
    const clear = [searchDoc({ text: `${word} one` }), searchDoc({ text: `${word} ${word} two` })];
    const otherAmber = Array.from({ length: 5 }, () => searchDoc({ sharing: 'TLP:AMBER', orgId: ORG_B, text: `${word} restricted` }));
    const alone = engineWith(...clear);
    const crowded = engineWith(...clear, ...otherAmber);
    expect(search(crowded, memberOf(ORG_C), { q: word })).toEqual(search(alone, memberOf(ORG_C), { q: word }));
  });
});

describe('search lifecycle', () => {
  it('keeps the newest state of an item whatever order changes arrive in', () => {
    const first = uniqueSearchWord();
    const second = uniqueSearchWord();
    const v1 = searchDoc({ text: first });
    const v2 = { ...v1, rev: 5, version: 2, text: second };
    const engine = engineWith(v2);
    expect(engine.apply(v1)).toBe(false);
    expect(search(engine, anonymous, { q: first }).total).toBe(0);
    expect(ids(search(engine, anonymous, { q: second }))).toEqual([v1.id]);
  });

  it('moves an item between audiences when an amendment changes its sharing level', () => {
    const word = uniqueSearchWord();
    const clear = searchDoc({ text: word });
    const engine = engineWith(clear, { ...clear, rev: 2, version: 2, sharing: 'TLP:GREEN' });
    expect(search(engine, anonymous, { q: word }).total).toBe(0);
    expect(search(engine, memberOf(ORG_C), { q: word }).total).toBe(1);
  });

  it('leaves archived and expired items out unless include=archived', () => {
    const word = uniqueSearchWord();
    const archived = searchDoc({ text: word, status: 'archived' });
    const expired = searchDoc({ text: word, status: 'expired' });
    const live = searchDoc({ text: word });
    const engine = engineWith(archived, expired, live);
    expect(ids(search(engine, anonymous, { q: word }))).toEqual([live.id]);
    expect(search(engine, anonymous, { q: word, include: 'archived' }).total).toBe(3);
  });

  it('answers the same from a snapshot read back as from the engine that wrote it', () => {
    const words = [uniqueSearchWord(), uniqueSearchWord()];
    const engine = engineWith(
      searchDoc({ text: `${words[0]} public` }),
      searchDoc({ sharing: 'TLP:GREEN', text: `${words[0]} ${words[1]}` }),
      searchDoc({ sharing: 'TLP:AMBER', orgId: ORG_A, recipients: [ORG_B], text: words[1] }),
    );
    const copy = SearchEngine.fromJSON(JSON.parse(JSON.stringify(engine)));
    for (const viewer of [anonymous, memberOf(ORG_B), memberOf(ORG_C)]) {
      for (const q of [...words, '', 'publ']) expect(search(copy, viewer, { q })).toEqual(search(engine, viewer, { q }));
    }
  });
});

describe('search facets and pages', () => {
  const SEED = 20260707;
  const random = seeded(SEED);
  const word = uniqueSearchWord();
  const kinds = ['security-alert', 'country-report', 'announcement'] as const;
  const places: [string, string, string][] = [['CO', 'WHA', 'Colombia'], ['KE', 'AF', 'Kenya'], ['FR', 'EUR', 'France']];
  const docs = Array.from({ length: 57 }, (_, i) => {
    const [cc, region, name] = places[Math.floor(random() * places.length)]!;
    const repeats = 1 + Math.floor(random() * 3);
    return searchDoc({
      kind: kinds[Math.floor(random() * kinds.length)]!,
      countries: [cc],
      regions: [region as 'WHA'],
      places: name,
      publishedAt: `${2023 + Math.floor(random() * 3)}-0${1 + (i % 9)}-1${i % 10}T00:00:00.000Z`,
      text: `${Array(repeats).fill(word).join(' ')} filler ${'text '.repeat(Math.floor(random() * 20))}`,
    });
  });
  const engine = engineWith(...docs);

  function walk(input: Record<string, unknown>): SearchResult[] {
    const pages = [search(engine, anonymous, { ...input, limit: 10 })];
    while (pages.at(-1)!.next) pages.push(search(engine, anonymous, { ...input, limit: 10, cursor: pages.at(-1)!.next }));
    return pages;
  }

  for (const q of [word, '']) {
    it(`pages through every match once, in the order of one long page (q=${JSON.stringify(q)}, seed ${SEED})`, () => {
      const pages = walk({ q });
      const all = search(engine, anonymous, { q, limit: 100 });
      expect(pages.flatMap(ids), `seed ${SEED}`).toEqual(ids(all));
      expect(new Set(pages.flatMap(ids)).size).toBe(docs.length);
      for (const page of pages) expect(page.total).toBe(docs.length);
      // Asking for a page again gives the same page.
      expect(search(engine, anonymous, { q, limit: 10, cursor: pages[0]!.next })).toEqual(pages[1]);
    });
  }

  it(`counts in the facets exactly the items that match, under every filter (seed ${SEED})`, () => {
    for (const filters of [{}, { kind: 'country-report' }, { country: 'KE' }, { region: 'EUR' }, { from: '2024-01-01', to: '2024-12-31' }]) {
      const result = search(engine, anonymous, { q: word, limit: 100, ...filters });
      const count = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
      const items = result.items.map((item) => docs.find((d) => d.id === item.id)!);
      expect(result.total, JSON.stringify(filters)).toBe(items.length);
      expect(result.facets, `${JSON.stringify(filters)} seed ${SEED}`).toEqual({
        kind: count(items.map((d) => d.kind)),
        country: count(items.flatMap((d) => d.countries)),
        region: count(items.flatMap((d) => d.regions)),
        year: count(items.map((d) => d.publishedAt.slice(0, 4))),
      });
    }
  });

  it('refuses a cursor from another search', () => {
    const next = search(engine, anonymous, { q: word, limit: 10 }).next;
    expect(() => search(engine, anonymous, { q: 'other', cursor: next })).toThrow(BadCursorError);
    expect(() => search(engine, anonymous, { q: word, cursor: 'not-a-cursor' })).toThrow(BadCursorError);
  });
});
