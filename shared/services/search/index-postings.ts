import type MiniSearch from 'minisearch';
import type { SearchDocument } from '../../domain/search-document';

/** A term's postings: field id → (short document id → occurrences in that field). */
export type TermPostings = ReadonlyMap<number, ReadonlyMap<number, number>>;

/** MiniSearch's radix tree of terms, as far as search reads it. */
interface TermTree {
  get(term: string): TermPostings | undefined;
  atPrefix(prefix: string): Iterable<[string, TermPostings]>;
  fuzzyGet(term: string, maxEditDistance: number): Map<string, [TermPostings, number]>;
}

/**
 * The protected state of a MiniSearch instance that queries are scored
 * from (MiniSearch declares it `protected` for subclasses; its loaders
 * build plain instances, so it is read through this view instead). The
 * layout is MiniSearch 7.2's, the version pinned in package.json; a unit
 * test compares scores computed from it with MiniSearch's own search, so
 * an upgrade that changes it fails there.
 */
interface MiniSearchState {
  _index: TermTree;
  _documentCount: number;
  _nextId: number;
  _documentIds: ReadonlyMap<number, string>;
  _fieldIds: Readonly<Record<string, number>>;
  _fieldLength: ReadonlyMap<number, readonly number[]>;
  _avgFieldLength: readonly number[];
}

/** BM25 as MiniSearch applies it to one field. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** The fields searched with their weights: a title (and country names) counts twice. */
export const FIELD_BOOSTS: Readonly<Record<string, number>> = { title: 2, text: 1 };

/** BM25's inverse document frequency, as MiniSearch computes it. */
export function idf(documents: number, holding: number): number {
  return Math.log(1 + (documents - holding + 0.5) / (holding + 0.5));
}

/** One field's postings of a term, with what BM25 needs to score them. */
export interface FieldPostings {
  /** short id → occurrences. */
  postings: ReadonlyMap<number, number>;
  /** The field's weight times the term's IDF in that field. */
  weight: number;
  /** Per short id: the BM25 length normalization `k·(1 − b + b·length/average)` of this field, or -1 when the id was removed. */
  norms: Float64Array;
}

/**
 * Read access to one MiniSearch index's terms and postings, for scoring
 * queries without MiniSearch's per-hit objects. Length normalizations are
 * computed once per state of the index: call `changed()` after adding or
 * removing a document.
 */
export class IndexPostings {
  private readonly state: MiniSearchState;
  private norms: Float64Array[] | undefined;

  constructor(mini: MiniSearch<SearchDocument>) {
    const state = mini as unknown as MiniSearchState;
    if (!(state._fieldLength instanceof Map) || !(state._documentIds instanceof Map) || typeof state._index?.fuzzyGet !== 'function') {
      throw new Error('minisearch: unexpected index layout (see index-postings.ts)');
    }
    this.state = state;
  }

  /** One past the highest short document id: the size of per-document arrays. */
  get idLimit(): number {
    return this.state._nextId;
  }

  idOf(shortId: number): string {
    return this.state._documentIds.get(shortId)!;
  }

  /** Terms that begin with `prefix` (itself included). */
  *completions(prefix: string): Iterable<string> {
    for (const [term] of this.state._index.atPrefix(prefix)) yield term;
  }

  /** Terms within `distance` edits of `term`, with their distance. */
  near(term: string, distance: number): Iterable<[string, number]> {
    return [...this.state._index.fuzzyGet(term, distance)].map(([t, [, d]]) => [t, d] as [string, number]);
  }

  /** The term's postings in each searched field; empty when no document holds it. */
  fields(term: string): FieldPostings[] {
    const data = this.state._index.get(term);
    if (!data) return [];
    const norms = this.normsByField();
    const out: FieldPostings[] = [];
    for (const [field, boost] of Object.entries(FIELD_BOOSTS)) {
      const fieldId = this.state._fieldIds[field]!;
      const postings = data.get(fieldId);
      if (!postings || postings.size === 0) continue;
      out.push({ postings, weight: boost * idf(this.state._documentCount, postings.size), norms: norms[fieldId]! });
    }
    return out;
  }

  changed(): void {
    this.norms = undefined;
  }

  private normsByField(): Float64Array[] {
    if (this.norms) return this.norms;
    const { _fieldIds: fieldIds, _fieldLength: lengths, _avgFieldLength: averages } = this.state;
    const norms = Object.values(fieldIds).map(() => new Float64Array(this.idLimit).fill(-1));
    for (const [shortId, fieldLengths] of lengths) {
      if (!this.state._documentIds.has(shortId)) continue;
      for (const fieldId of Object.values(fieldIds)) {
        norms[fieldId]![shortId] = BM25.k * (1 - BM25.b + (BM25.b * fieldLengths[fieldId]!) / averages[fieldId]!);
      }
    }
    this.norms = norms;
    return norms;
  }
}

/** A term's BM25 contribution for one occurrence count, given the field's length normalization. */
export function bm25(occurrences: number, norm: number): number {
  return BM25.d + (occurrences * (BM25.k + 1)) / (occurrences + norm);
}
