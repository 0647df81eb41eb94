import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { SearchDocument } from '../../domain/search-document';
import type { TermSource } from './expand-query';
import { FIELD_BOOSTS, IndexPostings } from './index-postings';
import { scoreQuery, type ExpandedWord, type IndexHit } from './score-query';
import { distinctTerms, indexTerms, words } from './text-analysis';

/** The title field carries the country names too: both are what an item is "about". */
const OPTIONS: Options<SearchDocument> = {
  fields: ['title', 'text'],
  idField: 'id',
  extractField: (doc, field) => (field === 'title' ? `${doc.title}\n${doc.places}` : field === 'id' ? doc.id : doc.text),
  tokenize: words,
  processTerm: indexTerms,
  searchOptions: { boost: FIELD_BOOSTS },
};

/** One audience's index as stored: MiniSearch's own JSON and the document frequencies beside it. */
export interface AudienceIndexJson {
  mini: AsPlainObject;
  /** term → how many documents of this index hold it. */
  df: Record<string, number>;
}

/**
 * The full-text index of one audience (TLP:CLEAR, TLP:GREEN, or the AMBER
 * items of one organization): MiniSearch over `title` and `text`, and how
 * many documents hold each term. Audiences never share an index, so a word
 * in an item one caller may not see cannot change what another finds, how
 * it ranks or how many there are. The document frequencies let a search
 * across several audiences put each one's BM25 scores on the scale of the
 * caller's whole view (see `search`).
 */
export class AudienceIndex implements TermSource {
  private readonly df: Map<string, number>;
  private readonly postings: IndexPostings;

  private constructor(
    private readonly mini: MiniSearch<SearchDocument>,
    df: Iterable<[string, number]>,
  ) {
    this.df = new Map(df);
    this.postings = new IndexPostings(mini);
  }

  static empty(): AudienceIndex {
    return new AudienceIndex(new MiniSearch(OPTIONS), []);
  }

  static fromJSON(json: AudienceIndexJson): AudienceIndex {
    return new AudienceIndex(MiniSearch.loadJS(json.mini, OPTIONS), Object.entries(json.df));
  }

  get documentCount(): number {
    return this.mini.documentCount;
  }

  /** Documents holding `term`, in this index. */
  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  completions(prefix: string): Iterable<string> {
    return this.postings.completions(prefix);
  }

  near(term: string, distance: number): Iterable<[string, number]> {
    return this.postings.near(term, distance);
  }

  add(doc: SearchDocument): void {
    this.mini.add(doc);
    this.postings.changed();
    for (const term of termsOf(doc)) this.df.set(term, (this.df.get(term) ?? 0) + 1);
  }

  /** Removes `doc`, which must be the document as it was added. */
  remove(doc: SearchDocument): void {
    // discard needs only the id; the index is cleaned up by MiniSearch's vacuuming.
    this.mini.discard(doc.id);
    this.postings.changed();
    for (const term of termsOf(doc)) {
      const n = (this.df.get(term) ?? 0) - 1;
      if (n > 0) this.df.set(term, n);
      else this.df.delete(term);
    }
  }

  /**
   * Documents holding every word. `termWeight`, when given, scales each
   * matched term's contribution (the caller's IDF correction).
   */
  search(words: readonly ExpandedWord[], termWeight?: (term: string) => number): IndexHit[] {
    return scoreQuery(this.postings, words, termWeight);
  }

  /** Cleans discarded documents out, so the serialized index holds none. */
  async compact(): Promise<void> {
    await this.mini.vacuum();
    this.postings.changed();
  }

  toJSON(): AudienceIndexJson {
    return { mini: this.mini.toJSON(), df: Object.fromEntries(this.df) };
  }
}

function termsOf(doc: SearchDocument): Set<string> {
  return distinctTerms(`${doc.title}\n${doc.places}\n${doc.text}`);
}
