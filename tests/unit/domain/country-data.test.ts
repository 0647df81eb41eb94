import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTRY_DATA_MODULE, COUNTRY_DETAILS_MODULE, countryTable, renderCountryData, renderCountryDetails } from '../../../scripts/generate-data';
import { allCountries } from '../../../shared/domain/country';
import { countryDetails } from '../../../shared/domain/country-details';

describe('generated country data', () => {
  it('is what scripts/generate-data.ts makes of the installed world-countries (run `npm run generate` if not)', () => {
    const committed = readFileSync(new URL(`../../../${COUNTRY_DATA_MODULE}`, import.meta.url), 'utf8');
    expect(committed).toBe(renderCountryData(countryTable()));
    const details = readFileSync(new URL(`../../../${COUNTRY_DETAILS_MODULE}`, import.meta.url), 'utf8');
    expect(details).toBe(renderCountryDetails(countryTable()));
  });

  it('is the table the domain serves: every country, and the details of each', () => {
    const table = countryTable();
    expect(allCountries()).toEqual(table.map(({ code, name, region }) => ({ code, name, region })));
    for (const { code, name: _name, region: _region, ...details } of table) expect(countryDetails(code), code).toEqual(details);
    expect(countryDetails('XX')).toBeUndefined();
    expect(countryDetails('constructor')).toBeUndefined();
  });
});
