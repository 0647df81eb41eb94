import * as z from 'zod';
import { COUNTRY_DATA } from './country-data.generated';
import type { Region } from './region';

/**
 * A country or territory with an ISO 3166-1 alpha-2 code, as every function
 * knows it: its code, English name and bureau. What people and pages need
 * besides (other names, capitals, time zone) is in country-details.ts, so
 * the functions that only validate and name countries do not carry it.
 */
export interface Country {
  code: string;
  name: string;
  region: Region;
}

/**
 * Every country, sorted by English name: generated from `world-countries`
 * with the Department's bureau rules by scripts/generate-data.ts
 * (docs/decisions/0003 and 0009), so that no function bundles the package.
 */
const ALL: readonly Country[] = COUNTRY_DATA;

const BY_CODE = new Map(ALL.map((c) => [c.code, c]));

/** Every country, sorted by English name. */
export function allCountries(): readonly Country[] {
  return ALL;
}

export function findCountry(code: string): Country | undefined {
  return BY_CODE.get(code);
}

const BY_NAME = new Map(ALL.map((c) => [normalName(c.name), c]));

function normalName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();
}

/** A country named by its ISO code (any case) or its English name (accents and case ignored): "KE", "ke", "Kenya", "Côte d'Ivoire". */
export function findCountryByCodeOrName(text: string): Country | undefined {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return BY_CODE.get(trimmed.toUpperCase());
  return BY_NAME.get(normalName(trimmed));
}

export function countryName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

/** A known ISO 3166-1 alpha-2 code in upper case. */
export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. "MX"')
  .refine((code) => BY_CODE.has(code), { message: 'is not a known ISO 3166-1 alpha-2 country code' });

/** The distinct regions of a set of countries, in a stable order. */
export function regionsOf(codes: readonly string[]): Region[] {
  const set = new Set<Region>();
  for (const code of codes) {
    const country = BY_CODE.get(code);
    if (country) set.add(country.region);
  }
  return [...set].sort();
}
