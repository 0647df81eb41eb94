import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTRY_DATA_MODULE, countryTable, renderCountryData } from '../../../scripts/generate-data';
import { allCountries } from '../../../shared/domain/country';

describe('generated country data', () => {
  it('is what scripts/generate-data.ts makes of the installed world-countries (run `npm run generate` if not)', () => {
    const committed = readFileSync(new URL(`../../../${COUNTRY_DATA_MODULE}`, import.meta.url), 'utf8');
    expect(committed).toBe(renderCountryData(countryTable()));
  });

  it('is the table the domain serves', () => {
    expect(allCountries()).toEqual(countryTable());
  });
});
