import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { SearchDocument } from '../../domain/search-document';
import { lowerBound, upperBound, type SearchFacets, type SearchHit, type SearchQuery, type SearchResult } from '../../domain/search-query';
import type { Viewer } from '../../domain/sharing';
import { decodeCursorValue, encodeCursorValue } from '../../domain/opaque-cursor';
import { BadCursorError } from '../../errors';
import type { HeldDocument, SearchEngine } from './search-engine';
import { queryWords, snippetOf } from './text-analysis';

/** A matching, visible document with its score (0 when browsing without words). */
interface Candidate extends HeldDocument {
  score: number;
}

/** Where a page ends: the last item's sort key, bound to the query it belongs to. */
const CursorSchema = z.object({ v: z.literal(1), s: z.number(), p: z.string(), i: z.string(), q: z.string().length(16) }).strict();

/**
 * Runs a search on an engine for one viewer: the matching items the viewer
 * may see, narrowed by the filters, counted (`total`, `facets`), ordered
 * by relevance (newest first among equals, and when there are no words),
 * and cut to one page after the cursor. The cursor is the last item's sort
 * key, so a page follows from where the previous one ended whatever was
 * published in between.
 */
export function runSearch(engine: SearchEngine, viewer: Viewer, query: SearchQuery): SearchResult {
  const fingerprint = fingerprintOf(query);
  const after = query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined;
  const words = queryWords(query.q);
  // Words that all fell away (stop words, a lone letter) match nothing rather than everything.
  if (words.length === 0 && query.q.trim() !== '') return { items: [], total: 0, facets: emptyFacets() };

  const keep = filterOf(query);
  const candidates: Candidate[] = [];
  let terms = new Set<string>();
  if (words.length === 0) {
    for (const held of engine.visible(viewer)) if (keep(held.doc)) candidates.push({ doc: held.doc, facets: held.facets, score: 0 });
  } else {
    const matched = engine.match(viewer, words);
    terms = matched.terms;
    for (const hit of matched.hits) {
      const held = engine.get(hit.id);
      if (held && keep(held.doc)) candidates.push({ doc: held.doc, facets: held.facets, score: hit.score });
    }
  }

  const facets = engine.countFacets(candidates);
  const { page, more } = pageAfter(candidates, after, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ doc }) => hitOf(doc, terms)),
    total: candidates.length,
    facets,
    ...(more && last ? { next: encodeCursor(last, fingerprint) } : {}),
  };
}

function filterOf(query: SearchQuery): (doc: SearchDocument) => boolean {
  const from = query.from ? lowerBound(query.from) : undefined;
  const to = query.to ? upperBound(query.to) : undefined;
  return (doc) =>
    (query.include === 'archived' || doc.status === 'published') &&
    (!query.kind || doc.kind === query.kind) &&
    (!query.country || doc.countries.includes(query.country)) &&
    (!query.region || doc.regions.includes(query.region)) &&
    (query.level === undefined || doc.level === query.level) &&
    (!from || doc.publishedAt >= from) &&
    (!to || doc.publishedAt <= to);
}

function emptyFacets(): SearchFacets {
  return { kind: {}, country: {}, region: {}, year: {} };
}

/** What ordering looks at: a candidate, or the cursor's last item. */
type Ranked = { score: number; doc: { publishedAt: string; id: string } };

/** Best first: higher score, then newer, then the higher id, so the order is total. */
function compare(a: Ranked, b: Ranked): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.doc.publishedAt !== b.doc.publishedAt) return a.doc.publishedAt < b.doc.publishedAt ? 1 : -1;
  return a.doc.id === b.doc.id ? 0 : a.doc.id < b.doc.id ? 1 : -1;
}

/**
 * The first `limit` candidates after the cursor, in order, without sorting
 * them all: the best `limit + 1` are kept in a sorted window as the list is
 * read once, so a page costs about n·log(limit) however many match.
 */
function pageAfter(candidates: readonly Candidate[], after: Ranked | undefined, limit: number): { page: Candidate[]; more: boolean } {
  const window: Candidate[] = [];
  for (const candidate of candidates) {
    if (after && compare(candidate, after) <= 0) continue;
    if (window.length > limit && compare(candidate, window[limit]!) >= 0) continue;
    let lo = 0;
    let hi = window.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(window[mid]!, candidate) <= 0) lo = mid + 1;
      else hi = mid;
    }
    window.splice(lo, 0, candidate);
    if (window.length > limit + 1) window.pop();
  }
  return { page: window.slice(0, limit), more: window.length > limit };
}

/** A result as shown; its snippet marks the words of the text that are among the searched `terms`. */
function hitOf(doc: SearchDocument, terms: ReadonlySet<string>): SearchHit {
  return {
    id: doc.id,
    title: doc.title,
    kind: doc.kind,
    countries: doc.countries,
    publishedAt: doc.publishedAt,
    ...(doc.level !== undefined ? { level: doc.level } : {}),
    sharing: doc.sharing,
    status: doc.status,
    snippet: snippetOf(doc.text, terms),
  };
}

/** The query without its paging: a cursor is only good for the same search. */
function fingerprintOf(query: SearchQuery): string {
  const { q, kind, country, region, level, from, to, include } = query;
  return createHash('sha256')
    .update(JSON.stringify([q.trim(), kind, country, region, level, from, to, include]))
    .digest('base64url')
    .slice(0, 16);
}

function encodeCursor(last: Ranked, fingerprint: string): string {
  return encodeCursorValue({ v: 1, s: last.score, p: last.doc.publishedAt, i: last.doc.id, q: fingerprint });
}

function decodeCursor(cursor: string, fingerprint: string): Ranked {
  const { s, p, i, q } = decodeCursorValue(cursor, CursorSchema);
  if (q !== fingerprint) throw new BadCursorError();
  return { score: s, doc: { publishedAt: p, id: i } };
}
