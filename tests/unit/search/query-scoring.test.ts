import MiniSearch, { type Query } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { corpus } from '../../../bench/search-corpus';
import type { SearchDocument } from '../../../shared/domain/search-document';
import { SearchQuerySchema } from '../../../shared/domain/search-query';
import { runSearch } from '../../../shared/services/search/run-search';
import { PREFIX_COMPLETIONS } from '../../../shared/services/search/expand-query';
import { SearchEngine } from '../../../shared/services/search/search-engine';
import { indexTerms, queryWords, words, type QueryWord } from '../../../shared/services/search/text-analysis';
import { uniqueSearchWord } from '../../support/unique';
import { anonymous, searchDoc } from './fixtures';

function engineWith(docs: readonly SearchDocument[]): SearchEngine {
  const engine = SearchEngine.empty();
  for (const doc of docs) engine.apply(doc);
  return engine;
}

const search = (engine: SearchEngine, q: string, cursor?: string) => runSearch(engine, anonymous, SearchQuerySchema.parse({ q, limit: 100, cursor }));

/** The ids of every page. */
function allIds(engine: SearchEngine, q: string): string[] {
  const pages = [search(engine, q)];
  while (pages.at(-1)!.next) pages.push(search(engine, q, pages.at(-1)!.next));
  return pages.flatMap((page) => page.items.map((item) => item.id));
}

/** The query as MiniSearch itself would run it: every word (AND), each as written (typo, prefix) or by its stem. */
function miniSearchTree(query: readonly QueryWord[]): Query {
  return {
    combineWith: 'AND',
    queries: query.map((word) => ({
      combineWith: 'OR',
      queries: [{ queries: [word.folded], fuzzy: word.fuzzy, prefix: word.prefix }, ...(word.stem ? [{ queries: [word.stem], fuzzy: 0, prefix: false }] : [])],
    })),
  };
}

describe('query scoring', () => {
  const SEED = 20261130;

  it(`scores every hit as MiniSearch's own search of the same query would (seed ${SEED})`, () => {
    const { docs, vocabulary } = corpus(300, SEED);
    const clear = docs.filter((doc) => doc.sharing === 'TLP:CLEAR');
    const mini = new MiniSearch<SearchDocument>({
      fields: ['title', 'text'],
      extractField: (doc, field) => (field === 'title' ? `${doc.title}\n${doc.places}` : field === 'id' ? doc.id : doc.text),
      tokenize: words,
      processTerm: indexTerms,
      searchOptions: { boost: { title: 2 } },
    });
    mini.addAll(clear);
    const engine = engineWith(docs);
    const queries = ['security', 'protests police', 'kidnappings', 'flodding', 'curfew airpo', `${vocabulary.ranked(0, 50)} ${vocabulary.ranked(0, 100)}`];
    for (const q of queries) {
      const prepared = queryWords(q);
      const expected = mini.search(miniSearchTree(prepared), { tokenize: (t) => [t], processTerm: (t) => t });
      const { hits } = engine.match(anonymous, prepared);
      const actual = new Map(hits.map((hit) => [hit.id, hit.score]));
      expect(actual.size, `${q} (seed ${SEED})`).toBe(expected.length);
      expect(expected.length, q).toBeGreaterThan(0);
      for (const { id, score } of expected) expect(actual.get(id as string), `${q}: ${String(id)} (seed ${SEED})`).toBeCloseTo(score, 9);
    }
  });

  it(`searches a prefix by its ${PREFIX_COMPLETIONS} completions held by the most items, and a rarer word once it is typed out`, () => {
    const prefix = uniqueSearchWord();
    const frequent = `${prefix}aa`;
    // Digits: no English suffix, so no stem of their own to count as a further completion.
    const fillers = Array.from({ length: PREFIX_COMPLETIONS + 10 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
    const rare = `${prefix}zz`;
    const frequentDocs = Array.from({ length: 3 }, () => searchDoc({ text: frequent }));
    const fillerDocs = fillers.flatMap((word) => [searchDoc({ text: word }), searchDoc({ text: word })]);
    const rareDoc = searchDoc({ text: `A bridge at ${rare}.` });
    const engine = engineWith([...frequentDocs, ...fillerDocs, rareDoc]);

    const typed = search(engine, prefix);
    // The most frequent completion, then the first fillers in alphabetical order (each held by two items).
    expect(typed.total).toBe(frequentDocs.length + 2 * (PREFIX_COMPLETIONS - 1));
    const found = allIds(engine, prefix);
    expect(found).toHaveLength(typed.total);
    expect(found).toEqual(expect.arrayContaining(frequentDocs.map((doc) => doc.id)));
    expect(found).not.toContain(rareDoc.id);
    expect(typed.facets.kind).toEqual({ 'security-alert': typed.total });

    expect(search(engine, rare).items.map((item) => item.id)).toEqual([rareDoc.id]);
    // One letter more leaves a single completion.
    expect(search(engine, `${prefix}z`).items.map((item) => item.id)).toEqual([rareDoc.id]);
    expect(search(engine, `${prefix}z`).items[0]!.snippet).toBe(`A bridge at <mark>${rare}</mark>.`);
  });
});
