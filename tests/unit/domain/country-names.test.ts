import { describe, expect, it } from 'vitest';
import { allCountries } from '../../../shared/domain/country';
import { countryDetails } from '../../../shared/domain/country-details';
import { countryFromText, searchCountries } from '../../../shared/domain/country-names';

describe('countries by what people type', () => {
  it.each([
    ['Mexico', 'MX'],
    ['mx', 'MX'],
    ['MEX', 'MX'],
    ['Turkey', 'TR'],
    ['Türkiye', 'TR'],
    ['turkiye', 'TR'],
    ['USA', 'US'],
    ['United States of America', 'US'],
    ["Côte d'Ivoire", 'CI'],
    ["Cote d'Ivoire", 'CI'],
    ['Cote d’Ivoire', 'CI'],
    ['ivory coast', 'CI'],
    ['UK', 'GB'],
    ['Burma', 'MM'],
    ['Swaziland', 'SZ'],
    ['Niger', 'NE'],
  ])('names %s as %s', (text, code) => {
    expect(countryFromText(text)?.code).toBe(code);
  });

  it('names no country for text that names none or several', () => {
    expect(countryFromText('Atlantis')).toBeUndefined();
    expect(countryFromText('XX')).toBeUndefined();
    expect(countryFromText('')).toBeUndefined();
    expect(countryFromText('Guinea')?.code).toBe('GN');
    expect(countryFromText('Congo')?.code).toBe('CG');
    expect(countryFromText('islands')).toBeUndefined();
  });

  it('finds a country by its capital, forgiving case and diacritics', () => {
    expect(searchCountries('nairobi')[0]?.code).toBe('KE');
    expect(searchCountries('BOGOTA')[0]?.code).toBe('CO');
    expect(searchCountries('reykjavík')[0]?.code).toBe('IS');
  });

  it('ranks an exact name before names that merely start with it', () => {
    expect(searchCountries('niger').map((c) => c.code).slice(0, 2)).toEqual(['NE', 'NG']);
    expect(searchCountries('ken')[0]?.code).toBe('KE');
  });

  it('gives every country a valid IANA zone, and its capital’s where it keeps several times', () => {
    for (const c of allCountries()) expect(() => new Intl.DateTimeFormat('en', { timeZone: countryDetails(c.code)!.timeZone }), c.code).not.toThrow();
    expect(countryDetails('US')).toMatchObject({ timeZone: 'America/New_York', severalTimeZones: true });
    expect(countryDetails('KE')).toMatchObject({ timeZone: 'Africa/Nairobi', severalTimeZones: false });
  });
});
