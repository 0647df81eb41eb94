/**
 * Test data that no other test's data contains, without clocks or random
 * numbers, so a failing run repeats. Each test file runs in its own module
 * instance with its own table, so a serial per file is enough.
 */
let serial = 0;

/**
 * A marker to find in a response body: `Zq<serial>q<letters>qZ`. No marker
 * is a substring of another (the serial sits between delimiters the letters
 * cannot contain), so searching for one never finds an earlier item.
 * `generated` (e.g. from fast-check) adds variety; only its letters are kept.
 */
export function uniqueMarker(generated = ''): string {
  serial += 1;
  return `Zq${serial}q${generated.toLowerCase().replace(/[^a-z]/g, '')}qZ`;
}

/** An email address no other test in the file uses, e.g. `traveller.3@example.org`. */
export function uniqueAddress(label: string, domain = 'example.org'): string {
  serial += 1;
  return `${label}.${serial}@${domain}`;
}

/**
 * A word for search tests that no other word from here reaches by one edit
 * or as a prefix: fixed length, and the serial's letters written twice, so
 * two such words differ in at least two places. E.g. `qxbaaabaaaxq`.
 */
export function uniqueSearchWord(): string {
  serial += 1;
  const letters = serial.toString(26).padStart(4, '0').replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
  return `qx${letters}${letters}xq`;
}
