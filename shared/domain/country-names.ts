import { allCountries, findCountry, type Country } from './country';
import { countryDetails } from './country-details';

/**
 * Finding a country by what a person types: its code, its name, a common
 * alternative ("USA", "Turkey", "Cote d'Ivoire") or its capital, forgiving
 * case, diacritics and the kind of apostrophe.
 */

/** Text folded for comparison: no diacritics, lower case, one kind of apostrophe, single spaces. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[.\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

interface Entry {
  country: Country;
  /** Folded name and alternatives, name first. */
  names: string[];
  capitals: string[];
}

const ENTRIES: readonly Entry[] = allCountries().map((country) => ({
  country,
  names: [country.name, ...(countryDetails(country.code)?.alternatives ?? [])].map(foldName),
  capitals: (countryDetails(country.code)?.capitals ?? []).map(foldName),
}));

const EXACT = new Map<string, Country>();
for (const entry of ENTRIES) {
  for (const name of [entry.country.code.toLowerCase(), ...entry.names]) if (!EXACT.has(name)) EXACT.set(name, entry.country);
}

/** Words of a folded name start at its start or after a space, hyphen or apostrophe. */
const startsAWord = (haystack: string, needle: string) => haystack.startsWith(needle) || haystack.includes(` ${needle}`) || haystack.includes(`-${needle}`) || haystack.includes(`'${needle}`);

/**
 * Countries matching a query, best first: an exact code or name, then names
 * that start with it, then names with a word that does, then capitals.
 */
export function searchCountries(query: string): Country[] {
  const needle = foldName(query);
  if (!needle) return [];
  const ranked: { country: Country; rank: number }[] = [];
  for (const { country, names, capitals } of ENTRIES) {
    let rank: number | undefined;
    if (country.code.toLowerCase() === needle || names.includes(needle)) rank = 0;
    else if (names.some((n) => n.startsWith(needle))) rank = 1;
    else if (names.some((n) => startsAWord(n, needle))) rank = 2;
    else if (capitals.some((c) => c === needle || startsAWord(c, needle))) rank = 3;
    else if (needle.length >= 3 && names.some((n) => n.includes(needle))) rank = 4;
    if (rank !== undefined) ranked.push({ country, rank });
  }
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.country);
}

/**
 * The one country a piece of text names: a code ("mx"), a name or an
 * alternative ("Türkiye", "Turkey", "USA", "UK"), or else the only match
 * of a search; undefined when it names none or several.
 */
export function countryFromText(text: string): Country | undefined {
  const trimmed = text.trim();
  const byCode = /^[A-Za-z]{2}$/.test(trimmed) ? findCountry(trimmed.toUpperCase()) : undefined;
  if (byCode) return byCode;
  const exact = EXACT.get(foldName(trimmed));
  if (exact) return exact;
  const found = searchCountries(trimmed);
  return found.length === 1 ? found[0] : undefined;
}
