import { stemmer } from 'stemmer';

/**
 * How search reads text, the same way when indexing, querying and marking
 * snippets: words are runs of letters and digits; each is folded (lower
 * case, diacritics removed, so "Bogotá" and "Bogota" are one word) and
 * indexed both as written and as its English (Porter) stem, so "protesting"
 * finds "protests" while a typo in an inflected word ("bombng") is still one
 * edit from the word as written ("bombing"). Common English words are not
 * indexed at all.
 */

/** Letters (with any combining marks) and digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Letters NFKD leaves whole that readers type without their stroke or ligature. */
const LETTER_FOLDS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

const STOPWORDS = new Set(
  'a an and are as at be but by for from has have if in into is it its no not of on or such that the their then there these they this to was were will with'.split(' '),
);

const ASCII = /^[A-Za-z0-9]*$/;

/** The most words of a query that are searched; the rest are ignored. */
const MAX_QUERY_WORDS = 12;

/** Lower case, diacritics removed: `fold("Bogotá")` is `"bogota"`. */
export function fold(word: string): string {
  // Most words are plain ASCII: lower-casing is all they need.
  if (ASCII.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => LETTER_FOLDS[letter] ?? letter);
}

/** The words of a text as written, for MiniSearch's `tokenize`. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Whether a folded word is worth indexing: not a stop word, and not a lone letter. */
function indexable(folded: string): boolean {
  return !STOPWORDS.has(folded) && (folded.length > 1 || /\d/.test(folded));
}

/**
 * The index terms of one word (MiniSearch's `processTerm`): the folded word
 * and, when different, its stem; nothing for a stop word.
 */
export function indexTerms(word: string): string[] | null {
  const folded = fold(word);
  if (!indexable(folded)) return null;
  const stem = stemmer(folded);
  return stem !== folded ? [folded, stem] : [folded];
}

/** The distinct index terms of a text. */
export function distinctTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const word of words(text)) for (const term of indexTerms(word) ?? []) terms.add(term);
  return terms;
}

/** One searched word: matched as written (with its typo and prefix allowance) or by its stem. */
export interface QueryWord {
  folded: string;
  /** The stem, when it differs from the word. */
  stem?: string;
  /** Edits allowed: one for words of five or more letters, none for shorter ones. */
  fuzzy: 0 | 1;
  /** The query's last word also matches longer words it begins (from three letters: shorter beginnings begin too many words). */
  prefix: boolean;
}

/**
 * A query's words, in order, as they are searched. Stop words and lone
 * letters are dropped (a lone letter at the end is a word still being
 * typed). Every word must match (AND).
 */
export function queryWords(q: string): QueryWord[] {
  const written = words(q).slice(0, MAX_QUERY_WORDS);
  const out: QueryWord[] = [];
  written.forEach((word, i) => {
    const folded = fold(word);
    if (!indexable(folded)) return;
    const stem = stemmer(folded);
    out.push({ folded, ...(stem !== folded ? { stem } : {}), fuzzy: folded.length >= 5 ? 1 : 0, prefix: i === written.length - 1 && folded.length >= 3 });
  });
  return out;
}

/** Characters a snippet shows, about two lines. */
const SNIPPET_CHARS = 220;
/** Context kept before the first matched word. */
const LEAD_CHARS = 60;

/**
 * A passage of `text` around its first matched word, HTML-escaped, with
 * every word whose folded form or stem is in `matched` (the index terms
 * that matched) wrapped in `<mark>`. Without a match in the text (the
 * title matched), the passage is the text's beginning.
 */
export function snippetOf(text: string, matched: ReadonlySet<string>): string {
  const tokens: { start: number; end: number; hit: boolean }[] = [];
  // A word is stemmed only when it begins like a matched term: stemming every word would cost more than the search.
  const beginnings = new Set([...matched].map((term) => term.slice(0, 3)));
  let firstHit = -1;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    if (firstHit >= 0 && start > tokens[firstHit]!.start + SNIPPET_CHARS) break;
    const folded = fold(m[0]);
    const hit = beginnings.has(folded.slice(0, 3)) && (matched.has(folded) || matched.has(stemmer(folded)));
    if (hit && firstHit < 0) firstHit = tokens.length;
    tokens.push({ start, end, hit });
    if (firstHit < 0 && tokens.length > 20_000) break;
  }
  const anchor = firstHit >= 0 ? tokens[firstHit]!.start : 0;
  let from = 0;
  if (anchor > LEAD_CHARS) {
    from = tokens.find((t) => t.start >= anchor - LEAD_CHARS)?.start ?? anchor;
  }
  let to = Math.min(text.length, from + SNIPPET_CHARS);
  if (to < text.length) {
    const last = tokens.filter((t) => t.end <= to).at(-1);
    if (last && last.end > from) to = last.end;
  }
  let html = from > 0 ? '… ' : '';
  let at = from;
  for (const token of tokens) {
    if (token.start < from || token.end > to || !token.hit) continue;
    html += `${escapeHtml(text.slice(at, token.start))}<mark>${escapeHtml(text.slice(token.start, token.end))}</mark>`;
    at = token.end;
  }
  html += escapeHtml(text.slice(at, to));
  return to < text.length ? `${html} …` : html;
}

/** Text as HTML character data or attribute value. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}
