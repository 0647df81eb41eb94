import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeOutlines, encodeOutlines, type CountryRings } from '../../../shared/geo/outline-codec';
import { countryAt, countryOutline, distanceToCountry } from '../../../shared/geo/outlines';

/**
 * The outlines' compact encoding (docs/decisions/0045) must not move a
 * border: the answers below are those the map's SVG paths gave before the
 * encoding, and any change to the encoding, its decoder or the generated
 * data that moves an outline fails here.
 */
describe('country outlines from the compact encoding', () => {
  const known: [place: string, lat: number, lon: number, country: string | undefined][] = [
    ['Nairobi', -1.2864, 36.8172, 'KE'],
    ['Mombasa, on the coast', -4.0435, 39.6682, 'KE'],
    ['Lamu, an island off the coast', -2.27, 40.9, 'KE'],
    ['Jakarta (Java)', -6.2, 106.85, 'ID'],
    ['Denpasar (Bali)', -8.65, 115.22, 'ID'],
    ['Makassar (Sulawesi)', -5.14, 119.42, 'ID'],
    ['Jayapura (New Guinea)', -2.53, 140.72, 'ID'],
    ['Tokyo', 35.68, 139.69, 'JP'],
    ['Sapporo (Hokkaido)', 43.06, 141.35, 'JP'],
    ['Naha (Okinawa)', 26.21, 127.68, 'JP'],
    ['Denver', 39.74, -104.99, 'US'],
    ['Anchorage', 61.22, -149.9, 'US'],
    ['Honolulu', 21.31, -157.86, 'US'],
    ['Johannesburg', -26.2, 28.05, 'ZA'],
    ['Maseru: Lesotho is a hole in South Africa', -29.31, 27.48, 'LS'],
    ['Lisbon, on the coast', 38.72, -9.14, 'PT'],
    ['Oslo', 59.91, 10.75, 'NO'],
    ['Longyearbyen: Svalbard is SJ, not Norway', 78.22, 15.65, 'SJ'],
    ['Strasbourg', 48.58, 7.75, 'FR'],
    ['Valletta', 35.9, 14.51, 'MT'],
    ['Singapore', 1.29, 103.85, 'SG'],
    ['the mid-Atlantic', 30, -40, undefined],
    ['the Indian Ocean', -20, 80, undefined],
    ['the eastern Pacific', 0, -140, undefined],
    ['the Gulf of Guinea', 0, 0, undefined],
    ['the Caspian Sea', 42, 51, undefined],
  ];

  for (const [place, lat, lon, country] of known) {
    it(`puts ${place} in ${country ?? 'no country'}`, () => {
      expect(countryAt(lat, lon)).toBe(country);
    });
  }

  it('keeps the distances to the outlines, inside (negative) and outside, to a tenth of a kilometre', () => {
    const km = (cc: string, lat: number, lon: number) => Math.round(distanceToCountry(countryOutline(cc)!, lon, lat) * 10) / 10;
    expect(km('KE', -1.2864, 36.8172)).toBe(-127.6);
    expect(km('KE', -4.0435, 39.6682)).toBe(-5);
    expect(km('ID', -8.65, 115.22)).toBe(-11.4);
    expect(km('US', 21.31, -157.86)).toBe(-1.5);
    expect(km('ZA', -29.31, 27.48)).toBe(6.4);
    expect(km('LS', -29.31, 27.48)).toBe(-6.4);
  });
});

describe('the outline codec', () => {
  const ring = fc.array(fc.tuple(fc.integer({ min: -20_000, max: 20_000 }), fc.integer({ min: -20_000, max: 20_000 })), { minLength: 1, maxLength: 30 });
  const country = fc.tuple(fc.stringMatching(/^[A-Z]{2}$/), fc.array(ring, { minLength: 1, maxLength: 4 }));

  it('gives back exactly the rings it encoded', () => {
    fc.assert(
      fc.property(fc.array(country, { maxLength: 6 }), (countries) => {
        expect(decodeOutlines(encodeOutlines(countries as CountryRings[]))).toEqual(countries);
      }),
      { seed: 45, numRuns: 200 },
    );
  });

  it('refuses what it cannot encode losslessly', () => {
    expect(() => encodeOutlines([['KE', [[[0.5, 1]]]]])).toThrow(/whole number of tenths/);
    expect(() => encodeOutlines([['Kenya', [[[0, 1]]]]])).toThrow(/bad country code/);
  });
});
