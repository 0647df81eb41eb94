import type { ExpandedWord, WeightedTerm } from './score-query';
import type { QueryWord } from './text-analysis';

/**
 * How many completions a prefix is searched by at most: the most frequent
 * ones in what the caller may see. A three-letter beginning can begin
 * hundreds of terms; the rare ones add time and little to the ranking,
 * and a word the reader finishes typing is found whatever its frequency.
 */
export const PREFIX_COMPLETIONS = 50;

/** MiniSearch's default weights for a term reached by a prefix or by a typo, relative to the word itself. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** What expanding a word reads of the caller's indexes, summed over them. */
export interface TermSource {
  /** Terms beginning with `prefix` (itself included). */
  completions(prefix: string): Iterable<string>;
  /** Terms within `distance` edits of `term`, with their distance. */
  near(term: string, distance: number): Iterable<[string, number]>;
  /** How many documents hold `term`. */
  documentFrequency(term: string): number;
}

/**
 * The index terms a query word is searched by, with their weights: the
 * word itself (1); when it is the query's last word, its completions, at
 * most the `PREFIX_COMPLETIONS` held by the most documents (weighted as
 * MiniSearch weighs a prefix match, less the longer the completion); when
 * it has five letters or more, the terms one edit away (MiniSearch's
 * fuzzy weight); and its stem, a form of its own.
 */
export function expandWord(word: QueryWord, source: TermSource): ExpandedWord {
  const written: WeightedTerm[] = [{ term: word.folded, weight: 1 }];
  const taken = new Set([word.folded]);
  if (word.prefix) {
    for (const term of mostFrequent(source, word.folded)) {
      const longer = term.length - word.folded.length;
      written.push({ term, weight: (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * longer) });
      taken.add(term);
    }
  }
  if (word.fuzzy > 0) {
    for (const [term, distance] of source.near(word.folded, word.fuzzy)) {
      if (taken.has(term) || distance === 0) continue;
      written.push({ term, weight: (FUZZY_WEIGHT * term.length) / (term.length + distance) });
      taken.add(term);
    }
  }
  return [{ source: word.folded, terms: written }, ...(word.stem ? [{ source: word.stem, terms: [{ term: word.stem, weight: 1 }] }] : [])];
}

/** The completions of `prefix` held by the most documents, ties in alphabetical order; the prefix itself is not one. */
function mostFrequent(source: TermSource, prefix: string): string[] {
  const counted: [string, number][] = [];
  for (const term of source.completions(prefix)) {
    if (term === prefix) continue;
    const documents = source.documentFrequency(term);
    if (documents > 0) counted.push([term, documents]);
  }
  counted.sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0));
  return counted.slice(0, PREFIX_COMPLETIONS).map(([term]) => term);
}
