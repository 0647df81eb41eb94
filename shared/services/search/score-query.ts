import { bm25, type FieldPostings, type IndexPostings } from './index-postings';

/** An index term a query word is searched by, and how much a match of it counts (1 for the word itself). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** The terms one form of a query word (the word as written, or its stem) is searched by. */
export interface QuerySource {
  /** The form itself: a document's score is multiplied by how many distinct forms it matched. */
  source: string;
  terms: readonly WeightedTerm[];
}

/** A query word: matched when any term of any of its forms is in the document. */
export type ExpandedWord = readonly QuerySource[];

/** A matched document of one index: its id and BM25 score. */
export interface IndexHit {
  id: string;
  score: number;
}

interface ResolvedTerm {
  fields: FieldPostings[];
  weight: number;
  /** Bit of the form it belongs to. */
  bit: number;
}

/** Beyond this many candidates left, a term's postings are read whole rather than looked up per candidate. */
const LOOKUP_FACTOR = 4;

/**
 * The documents of one index holding every word (AND), scored as
 * MiniSearch scores the same query tree: per matched term and field,
 * BM25 × the field's weight × the term's weight × `termWeight(term)`,
 * summed, and the sum multiplied by the number of distinct forms matched.
 * Scores accumulate in per-document typed arrays rather than an object
 * per hit, and the words are read from the one with the fewest postings:
 * once few documents remain, a longer word's postings are looked up for
 * those documents only.
 */
export function scoreQuery(index: IndexPostings, words: readonly ExpandedWord[], termWeight?: (term: string) => number): IndexHit[] {
  const bits = new Map<string, number>();
  const resolved = words.map((word) =>
    word.flatMap(({ source, terms }) => {
      let bit = bits.get(source);
      if (bit === undefined) {
        bit = 1 << bits.size;
        bits.set(source, bit);
      }
      return terms.map(({ term, weight }): ResolvedTerm => ({ fields: index.fields(term), weight: weight * (termWeight?.(term) ?? 1), bit: bit! }));
    }),
  );
  const cost = (terms: ResolvedTerm[]) => terms.reduce((n, t) => t.fields.reduce((m, f) => m + f.postings.size, n), 0);
  const ordered = resolved.map((terms) => ({ terms, cost: cost(terms) })).sort((a, b) => a.cost - b.cost);
  if (ordered.length === 0 || ordered[0]!.cost === 0) return [];

  const size = index.idLimit;
  const total = new Float64Array(size);
  const forms = new Int32Array(size);
  // How many words each document has matched so far: a document stays a candidate while it matched every word read.
  const matched = new Uint8Array(size);
  let candidates: number[] = [];
  ordered.forEach(({ terms }, round) => {
    const next: number[] = [];
    const add = (shortId: number, occurrences: number, weight: number, norm: number, bit: number) => {
      if (norm < 0) return;
      total[shortId]! += weight * bm25(occurrences, norm);
      forms[shortId]! |= bit;
      if (matched[shortId] === round) {
        matched[shortId] = round + 1;
        next.push(shortId);
      }
    };
    for (const { fields, weight, bit } of terms) {
      for (const { postings, weight: fieldWeight, norms } of fields) {
        const w = weight * fieldWeight;
        if (round > 0 && postings.size > candidates.length * LOOKUP_FACTOR) {
          for (const shortId of candidates) {
            const occurrences = postings.get(shortId);
            if (occurrences !== undefined) add(shortId, occurrences, w, norms[shortId]!, bit);
          }
        } else {
          for (const [shortId, occurrences] of postings) if (matched[shortId]! >= round) add(shortId, occurrences, w, norms[shortId]!, bit);
        }
      }
    }
    candidates = next;
  });
  return candidates.map((shortId) => ({ id: index.idOf(shortId), score: total[shortId]! * popcount(forms[shortId]!) }));
}

function popcount(n: number): number {
  let count = 0;
  for (let v = n; v !== 0; v &= v - 1) count += 1;
  return count;
}
