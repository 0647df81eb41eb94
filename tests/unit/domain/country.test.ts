import { describe, expect, it } from 'vitest';
import { allCountries, CountryCodeSchema, findCountry, regionsOf } from '../../../shared/domain/country';
import { REGION_CODES } from '../../../shared/domain/region';

describe('country data', () => {
  it('has every ISO 3166-1 alpha-2 country once, each in one of the six bureaus', () => {
    const codes = allCountries().map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(249);
    for (const c of allCountries()) expect(REGION_CODES).toContain(c.region);
  });

  it.each([
    ['KE', 'AF'],
    ['EG', 'NEA'],
    ['MA', 'NEA'],
    ['IR', 'NEA'],
    ['SA', 'NEA'],
    ['TR', 'EUR'],
    ['GE', 'EUR'],
    ['RU', 'EUR'],
    ['IN', 'SCA'],
    ['KZ', 'SCA'],
    ['CN', 'EAP'],
    ['AU', 'EAP'],
    ['MX', 'WHA'],
    ['BR', 'WHA'],
    ['SD', 'AF'],
  ])('puts %s in %s', (code, region) => {
    expect(findCountry(code)?.region).toBe(region);
  });

  it('accepts known upper-case codes only', () => {
    expect(CountryCodeSchema.safeParse('KE').success).toBe(true);
    expect(CountryCodeSchema.safeParse('ke').success).toBe(false);
    expect(CountryCodeSchema.safeParse('XX').success).toBe(false);
    expect(CountryCodeSchema.safeParse('KEN').success).toBe(false);
  });

  it('derives distinct sorted regions from countries', () => {
    expect(regionsOf(['MX', 'KE', 'BR', 'EG'])).toEqual(['AF', 'NEA', 'WHA']);
  });
});
