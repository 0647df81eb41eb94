import { WORLD_PROJECTION } from './world-paths.generated';

/**
 * The Equal Earth projection (Šavrič, Patterson & Jenny, 2018) with the
 * scale and translation the world map was drawn with, so that points and
 * areas land on the map's country outlines. The formulas are those of
 * d3-geo's `geoEqualEarthRaw`, which draws the map at build time;
 * tests/unit/geo/projection.test.ts holds the two to the same numbers. A
 * page script carries the inverse for clicks (web/assets/place-picker.ts).
 */

const A1 = 1.340264;
const A2 = -0.081106;
const A3 = 0.000893;
const A4 = 0.003796;
const M = Math.sqrt(3) / 2;
const RADIANS = Math.PI / 180;

/** `[lon, lat]` in degrees → `[x, y]` in the map's viewBox units. */
export function project([lon, lat]: readonly [number, number]): [number, number] {
  const l = Math.asin(M * Math.sin(lat * RADIANS));
  const l2 = l * l;
  const l6 = l2 * l2 * l2;
  const x = (lon * RADIANS * Math.cos(l)) / (M * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2)));
  const y = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2));
  return [x * WORLD_PROJECTION.scale + WORLD_PROJECTION.translate[0], WORLD_PROJECTION.translate[1] - y * WORLD_PROJECTION.scale];
}

/** `[x, y]` in viewBox units → `[lon, lat]` in degrees (Newton's method on the latitude, as d3-geo inverts it). */
export function unproject([px, py]: readonly [number, number]): [number, number] {
  const x = (px - WORLD_PROJECTION.translate[0]) / WORLD_PROJECTION.scale;
  const y = (WORLD_PROJECTION.translate[1] - py) / WORLD_PROJECTION.scale;
  let l = y;
  let l2 = l * l;
  let l6 = l2 * l2 * l2;
  for (let i = 0; i < 12; i++) {
    const fy = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2)) - y;
    const fpy = A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2);
    const delta = fy / fpy;
    l -= delta;
    l2 = l * l;
    l6 = l2 * l2 * l2;
    if (Math.abs(delta) < 1e-12) break;
  }
  const lon = (M * x * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2))) / Math.cos(l) / RADIANS;
  const lat = Math.asin(Math.sin(l) / M) / RADIANS;
  return [lon, lat];
}
