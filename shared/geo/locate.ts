import { countryName } from '../domain/country';
import { boxHolds, countriesReached, countryOutline, growBox, OUTLINE_TOLERANCE_KM } from './outlines';

/**
 * The country a point is in, checked against a country the caller names:
 * named and plausible (the outlines, allowing for their simplification,
 * put the point in or near it; or no outline holds the point and it lies
 * within the country's box, as for a small island the map drops), or
 * derived from the outlines when none is named.
 *
 * @returns the country, or a message saying why none fits.
 */
export function locatePoint(lat: number, lon: number, named?: string): { country: string } | { problem: string } {
  const near = countriesReached({ lat, lon, radiusKm: 0 });
  if (named === undefined) {
    const country = near[0];
    return country ? { country } : { problem: 'is not in any country Outpost knows: say which country it is in' };
  }
  if (near.includes(named)) return { country: named };
  const outline = countryOutline(named);
  if (near.length === 0 && outline && boxHolds(growBox(outline.box, OUTLINE_TOLERANCE_KM), lon, lat)) return { country: named };
  return { problem: near.length ? `lies in ${countryName(near[0]!)}, not in ${countryName(named)}` : `is not in ${countryName(named)}` };
}
