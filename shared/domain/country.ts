import countries from 'world-countries';
import { z } from 'zod';
import type { Region } from './region';

/** A country or territory with an ISO 3166-1 alpha-2 code, as Outpost knows it. */
export interface Country {
  code: string;
  name: string;
  /** ISO 3166-1 numeric code: the key of the country's shape in Natural Earth data. */
  numeric: string;
  region: Region;
}

/**
 * Where the Department's bureaus differ from the UN geoscheme that
 * `world-countries` carries. North Africa and Iran sit in the Near East;
 * Turkey and the South Caucasus in Europe and Eurasia; Greenland follows
 * Denmark. Uninhabited Antarctic territories follow their administering
 * state; Antarctica itself is reached mostly from South America.
 */
const BUREAU_OVERRIDES: Record<string, Region> = {
  DZ: 'NEA', EG: 'NEA', EH: 'NEA', LY: 'NEA', MA: 'NEA', TN: 'NEA',
  IR: 'NEA',
  TR: 'EUR', AM: 'EUR', AZ: 'EUR', GE: 'EUR', CY: 'EUR',
  GL: 'EUR',
  AQ: 'WHA', BV: 'EUR', GS: 'EUR', TF: 'EUR', HM: 'EAP',
};

function bureauOf(region: string, subregion: string): Region {
  switch (region) {
    case 'Africa':
      return 'AF';
    case 'Americas':
      return 'WHA';
    case 'Europe':
      return 'EUR';
    case 'Oceania':
      return 'EAP';
    case 'Asia':
      if (subregion === 'Southern Asia' || subregion === 'Central Asia') return 'SCA';
      if (subregion === 'Western Asia') return 'NEA';
      return 'EAP';
    default:
      throw new Error(`No bureau rule for region "${region}/${subregion}"`);
  }
}

const ALL: readonly Country[] = countries
  .map((c) => ({
    code: c.cca2,
    name: c.name.common,
    numeric: c.ccn3,
    region: BUREAU_OVERRIDES[c.cca2] ?? bureauOf(c.region, c.subregion),
  }))
  .sort((a, b) => a.name.localeCompare(b.name, 'en'));

const BY_CODE = new Map(ALL.map((c) => [c.code, c]));

/** Every country, sorted by English name. */
export function allCountries(): readonly Country[] {
  return ALL;
}

export function findCountry(code: string): Country | undefined {
  return BY_CODE.get(code);
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
