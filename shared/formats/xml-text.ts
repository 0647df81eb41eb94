/**
 * Small helpers the XML formats share. Every string that reaches an
 * xmlbuilder2 `txt()` or `att()` call goes through {@link xmlSafe} first.
 */

// Everything outside XML 1.0's Char production: C0 controls other than tab,
// newline and carriage return; lone surrogates; U+FFFE and U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Prepares a string for xmlbuilder2 so that it comes out as exactly this text.
 *
 * - Characters XML 1.0 cannot carry, even escaped, are removed: publishers can
 *   paste anything, zod does not forbid control characters, and one stray
 *   U+0001 would make a whole feed unparseable.
 * - Line breaks become `\n`, which is what any XML parser would turn a raw
 *   CR or CRLF into anyway.
 * - Every `&` is pre-escaped. xmlbuilder2's serializer leaves an `&` alone
 *   when it looks like the start of an entity (`&lt;`, `&foo;`, `&#39;`), so
 *   the text "&lt;" would come out as "<" to a reader, and "&foo;" as an
 *   undefined entity that breaks the document. Given `&amp;` it writes
 *   `&amp;`, so pre-escaping makes every `&` come out escaped exactly once.
 *   (Tests round-trip hostile text to hold this in place.)
 */
export function xmlSafe(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;');
}

/** An instant as RFC 3339 in UTC with milliseconds, as Atom and JSON Feed want it. */
export function rfc3339(instant: string): string {
  return toDate(instant).toISOString();
}

/** Parses an ISO 8601 instant, failing loudly on nonsense rather than printing "Invalid Date". */
export function toDate(instant: string): Date {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${JSON.stringify(instant)}`);
  return date;
}
