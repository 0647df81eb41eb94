import { countryName } from '../../shared/domain/country';
import { WORLD_VIEW_BOX } from '../../shared/geo/world-paths.generated';
import { worldOutlines } from '../../shared/geo/world-outlines';
import { svgPathData } from './path-data';

/** One country's outline, projected and ready to drop into an SVG `<path d>`. */
export interface CountryShape {
  /** ISO 3166-1 alpha-2 code. */
  readonly cc: string;
  /** English short name, from `shared/domain/country.ts`. */
  readonly name: string;
  /** SVG path data in viewBox units. */
  readonly d: string;
}

/**
 * The projected world: a viewBox and one shape per country, in English-name
 * order (the order of `allCountries()`, and so of keyboard focus on the map).
 */
export interface WorldGeometry {
  readonly viewBox: string;
  readonly countries: readonly CountryShape[];
}

let cached: WorldGeometry | undefined;

/**
 * The projected world map, built on first call from the generated outlines
 * and memoized for the life of the process (callers get the same object
 * every time).
 *
 * The projection itself — Natural Earth 1:50m under Equal Earth, fitted to a
 * 960-unit-wide viewBox, shared arcs simplified to 0.3 units and rounded to
 * 0.1, with the rules that give disputed and overseas parts their ISO codes —
 * runs at build time in scripts/generate-data.ts (`npm run generate`), so no
 * function bundles Natural Earth, d3-geo or topojson-client
 * (docs/decisions/0009).
 *
 * @example
 * const { viewBox, countries } = worldGeometry();
 * // viewBox → '0 0 960 434'; countries[0] → { cc: 'AF', name: 'Afghanistan', d: 'M…l…z' }
 */
export function worldGeometry(): WorldGeometry {
  cached ??= Object.freeze({
    viewBox: WORLD_VIEW_BOX,
    // Frozen: every request shares this one object.
    countries: Object.freeze(worldOutlines().map(([cc, rings]) => Object.freeze({ cc, name: countryName(cc), d: svgPathData(rings) }))),
  });
  return cached;
}
