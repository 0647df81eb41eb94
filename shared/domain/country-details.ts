import { COUNTRY_DETAILS } from './country-details.generated';

/**
 * What pages and people need of a country besides its code, name and
 * bureau (country.ts): the other names and capitals people search by, and
 * the time zone local times are shown in. Generated beside the country
 * table by scripts/generate-data.ts, in a module of its own so that a
 * function that only validates and names countries (the JSON API) does not
 * carry it (docs/decisions/0046).
 */
export interface CountryDetails {
  /** ISO 3166-1 numeric code: the key of the country's shape in Natural Earth data. */
  numeric: string;
  /** Other names people use: the official name, common and older names, the alpha-3 code ("USA", "Turkey", "Cote d'Ivoire"). */
  alternatives: readonly string[];
  capitals: readonly string[];
  /**
   * The IANA time zone local times are shown in: the country's only zone, or
   * its capital's where it has several (the United States: New York).
   */
  timeZone: string;
  /** The country keeps several time zones, so `timeZone` is its capital's. */
  severalTimeZones: boolean;
}

const DETAILS: Readonly<Record<string, CountryDetails>> = COUNTRY_DETAILS;

/** The details of a known country code, or undefined. */
export function countryDetails(code: string): CountryDetails | undefined {
  return Object.hasOwn(DETAILS, code) ? DETAILS[code] : undefined;
}
