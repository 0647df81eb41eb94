import * as z from 'zod';
import type { SearchDocument } from '../../domain/search-document';
import type { SearchFacets } from '../../domain/search-query';
import { canSee, type Viewer } from '../../domain/sharing';
import { AudienceIndex, type AudienceIndexJson } from './audience-index';
import { expandWord, type TermSource } from './expand-query';
import { FacetCodes } from './facet-codes';
import { idf } from './index-postings';
import type { ExpandedWord, IndexHit } from './score-query';
import type { QueryWord } from './text-analysis';

/** The serialized engine: every document, and each audience's index. */
export interface SearchEngineJson {
  format: 1;
  documents: SearchDocument[];
  indexes: { clear: AudienceIndexJson; green: AudienceIndexJson; amber: Record<string, AudienceIndexJson> };
}

/**
 * Only the envelope is checked when a snapshot is read: its contents were
 * written by `toJSON` and re-validating tens of thousands of documents
 * would cost much of a cold start.
 */
const EnvelopeSchema = z.object({
  format: z.literal(1),
  documents: z.array(z.object({ id: z.string(), rev: z.number() }).loose()),
  indexes: z.object({ clear: z.object({}).loose(), green: z.object({}).loose(), amber: z.record(z.string(), z.object({}).loose()) }),
});

/** A searchable publication and the codes of its facet values (see `countFacets`). */
export interface HeldDocument {
  doc: SearchDocument;
  facets: Uint32Array;
}

/**
 * The searchable publications of one process: the newest state of each
 * (by head `rev`) and one `AudienceIndex` per audience: TLP:CLEAR,
 * TLP:GREEN, and per organization the AMBER items it may see (its own and
 * those naming it). A search runs only on the indexes of the caller's
 * audiences, so an anonymous caller's results, scores, totals and facets
 * are computed from CLEAR items alone.
 */
export class SearchEngine {
  private readonly documents = new Map<string, HeldDocument>();
  private readonly facetCodes = new FacetCodes();

  private constructor(
    private readonly clear: AudienceIndex,
    private readonly green: AudienceIndex,
    private readonly amber: Map<string, AudienceIndex>,
    documents: Iterable<SearchDocument>,
  ) {
    for (const doc of documents) this.documents.set(doc.id, { doc, facets: this.facetCodes.of(doc) });
  }

  static empty(): SearchEngine {
    return new SearchEngine(AudienceIndex.empty(), AudienceIndex.empty(), new Map(), []);
  }

  /** An engine from `toJSON()` output, as read from storage. */
  static fromJSON(json: unknown): SearchEngine {
    const data = EnvelopeSchema.parse(json) as unknown as SearchEngineJson;
    const amber = new Map(Object.entries(data.indexes.amber).map(([org, index]) => [org, AudienceIndex.fromJSON(index)]));
    return new SearchEngine(AudienceIndex.fromJSON(data.indexes.clear), AudienceIndex.fromJSON(data.indexes.green), amber, data.documents);
  }

  /** How many publications are searchable (in any audience). */
  get size(): number {
    return this.documents.size;
  }

  get(id: string): HeldDocument | undefined {
    return this.documents.get(id);
  }

  /** The facets of some held documents: how many hold each kind, country, region and year. */
  countFacets(held: readonly HeldDocument[]): SearchFacets {
    return this.facetCodes.count(held.map(({ facets }) => facets));
  }

  /**
   * Takes a publication's new state. A state older than (or as old as) the
   * one held is ignored, so changes may arrive twice or out of order.
   * Resolves to whether anything changed.
   */
  apply(doc: SearchDocument): boolean {
    const old = this.documents.get(doc.id)?.doc;
    if (old && old.rev >= doc.rev) return false;
    if (old) {
      for (const [key, index] of this.indexesOf(old)) {
        index.remove(old);
        if (key !== 'clear' && key !== 'green' && index.documentCount === 0) this.amber.delete(key);
      }
    }
    this.documents.set(doc.id, { doc, facets: this.facetCodes.of(doc) });
    for (const [, index] of this.indexesOf(doc)) index.add(doc);
    return true;
  }

  /** Every publication `viewer` may see. */
  *visible(viewer: Viewer): Iterable<HeldDocument> {
    for (const held of this.documents.values()) if (canSee(viewer, held.doc)) yield held;
  }

  /**
   * Documents among what `viewer` may see that match every word, and the
   * index terms the words were searched by (for marking snippets). The
   * words are expanded (prefix completions, typos) over the caller's
   * indexes only. A member's search spans several indexes whose BM25
   * statistics differ; each matched term's score is scaled by the ratio
   * of its IDF over the member's whole view to its IDF in the index it
   * came from, so that hits from different audiences rank on one scale
   * (and a term rare in a small AMBER index does not look rarer than it is).
   */
  match(viewer: Viewer, words: readonly QueryWord[]): { hits: IndexHit[]; terms: Set<string> } {
    const indexes = this.indexesFor(viewer);
    const expanded = words.map((word) => expandWord(word, indexes.length === 1 ? indexes[0]! : combined(indexes)));
    const terms = new Set(expanded.flatMap((word) => word.flatMap((form) => form.terms.map(({ term }) => term))));
    return { hits: this.score(indexes, expanded), terms };
  }

  /** The hits of every index, on the scale of the whole view (see `match`). */
  private score(indexes: AudienceIndex[], query: ExpandedWord[]): IndexHit[] {
    if (indexes.length === 1) return indexes[0]!.search(query);
    const viewSize = indexes.reduce((n, index) => n + index.documentCount, 0);
    const viewIdf = new Map<string, number>();
    const idfInView = (term: string): number => {
      let value = viewIdf.get(term);
      if (value === undefined) {
        value = idf(viewSize, indexes.reduce((n, index) => n + index.documentFrequency(term), 0));
        viewIdf.set(term, value);
      }
      return value;
    };
    return indexes.flatMap((index) =>
      index.search(query, (term) => {
        const holding = index.documentFrequency(term);
        return holding > 0 ? idfInView(term) / idf(index.documentCount, holding) : 1;
      }),
    );
  }

  /** Cleans removed documents out of every index, before serializing. */
  async compact(): Promise<void> {
    await Promise.all([this.clear, this.green, ...this.amber.values()].map((index) => index.compact()));
  }

  toJSON(): SearchEngineJson {
    return {
      format: 1,
      documents: [...this.documents.values()].map(({ doc }) => doc),
      indexes: {
        clear: this.clear.toJSON(),
        green: this.green.toJSON(),
        amber: Object.fromEntries([...this.amber].map(([org, index]) => [org, index.toJSON()])),
      },
    };
  }

  private indexesFor(viewer: Viewer): AudienceIndex[] {
    if (viewer.kind === 'anonymous') return [this.clear];
    const amber = this.amber.get(viewer.orgId);
    return amber ? [this.clear, this.green, amber] : [this.clear, this.green];
  }

  /** The indexes a document belongs in, by key: `clear`, `green`, or an organization id. */
  private indexesOf(doc: SearchDocument): [string, AudienceIndex][] {
    if (doc.sharing === 'TLP:CLEAR') return [['clear', this.clear]];
    if (doc.sharing === 'TLP:GREEN') return [['green', this.green]];
    return [...new Set([doc.orgId, ...doc.recipients])].map((org) => {
      let index = this.amber.get(org);
      if (!index) {
        index = AudienceIndex.empty();
        this.amber.set(org, index);
      }
      return [org, index];
    });
  }
}

/** Several indexes read as one: a term's completions and neighbours in any, its document count summed. */
function combined(indexes: readonly AudienceIndex[]): TermSource {
  return {
    completions: (prefix) => new Set(indexes.flatMap((index) => [...index.completions(prefix)])),
    near: (term, distance) => new Map(indexes.flatMap((index) => [...index.near(term, distance)])),
    documentFrequency: (term) => indexes.reduce((n, index) => n + index.documentFrequency(term), 0),
  };
}
