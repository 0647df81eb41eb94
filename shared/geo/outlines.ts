import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import { multiPolygon, point, polygon } from '@turf/helpers';
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
import type { Feature, MultiPolygon } from 'geojson';
import type { Box, Circle } from '../domain/place';
import { unproject } from './projection';
import { WORLD_LABELS } from './world-paths.generated';
import { worldOutlines } from './world-outlines';

/**
 * Country outlines in longitude and latitude, for the questions a place
 * asks of a country: which country holds this point, which countries does
 * this circle reach, does this area lie in the item's countries. They are
 * the world map's own outlines (Natural Earth 1:50m, simplified to about
 * 10 km and rounded to about 4 km; stored compactly in
 * shared/geo/world-paths.generated.ts, docs/decisions/0045) turned back
 * into degrees on first use, so no Lambda carries a second copy of the
 * world (docs/decisions/0060). Every answer allows for that
 * simplification with {@link OUTLINE_TOLERANCE_KM}: a point on the coast or
 * a border may lie just outside the simplified shape.
 */

/** How far outside a simplified outline a point may be and still count as in the country. */
export const OUTLINE_TOLERANCE_KM = 25;
/** Countries the map does not draw (Tuvalu, Nauru…) are a circle of this radius around their label. */
const UNDRAWN_RADIUS_KM = 40;
const KM_PER_DEGREE = 111.2;
/** The outlines are stored in whole tenths of a viewBox unit. */
const TENTHS = 10;

export interface CountryOutline {
  cc: string;
  /** Undefined for a country the map does not draw. */
  shape: Feature<MultiPolygon> | undefined;
  box: Box;
  label: [lon: number, lat: number];
}

/** Rings in degrees, each closed, grouped into polygons: a ring inside another is that one's hole (Lesotho in South Africa). */
function polygonsOf(rings: readonly (readonly (readonly [number, number])[])[]): [number, number][][][] {
  const closed = rings
    .map((ring) => ring.map(([x, y]) => unproject([x / TENTHS, y / TENTHS])))
    .filter((ring) => ring.length >= 3)
    .map((ring) => [...ring, ring[0]!]);
  const byArea = closed.map((ring) => ({ ring, area: Math.abs(planarArea(ring)) })).sort((a, b) => b.area - a.area);
  const polygons: [number, number][][][] = [];
  for (const { ring } of byArea) {
    const outer = polygons.find((rings) => booleanPointInPolygon(ring[0]!, polygon([rings[0]!])));
    if (outer && outer.length === 1) outer.push(ring);
    else polygons.push([ring]);
  }
  return polygons;
}

function planarArea(ring: readonly [number, number][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  return sum / 2;
}

function boxOf(polygons: readonly [number, number][][][]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) {
    for (const [lon, lat] of rings[0]!) {
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
  }
  return box;
}

let outlines: Map<string, CountryOutline> | undefined;

/** Every country's outline, decoded on first use and kept for the life of the process. */
function allOutlines(): Map<string, CountryOutline> {
  if (outlines) return outlines;
  const shapes = new Map(worldOutlines().map(([cc, rings]) => [cc, polygonsOf(rings)]));
  outlines = new Map(
    WORLD_LABELS.map(([cc, lon, lat]): [string, CountryOutline] => {
      const polygons = shapes.get(cc);
      if (polygons && polygons.length > 0) return [cc, { cc, shape: multiPolygon(polygons), box: boxOf(polygons), label: [lon, lat] }];
      const pad = UNDRAWN_RADIUS_KM / KM_PER_DEGREE;
      return [cc, { cc, shape: undefined, box: [lon - pad, lat - pad, lon + pad, lat + pad], label: [lon, lat] }];
    }),
  );
  return outlines;
}

/** One country's outline, or undefined for a code the data does not know. */
export function countryOutline(cc: string): CountryOutline | undefined {
  return allOutlines().get(cc);
}

/** A box grown by `km` on every side (longitude degrees widen towards the poles). */
export function growBox([w, s, e, n]: Box, km: number): Box {
  const dLat = km / KM_PER_DEGREE;
  const dLon = km / (KM_PER_DEGREE * Math.max(0.05, Math.cos((Math.max(Math.abs(s), Math.abs(n)) * Math.PI) / 180)));
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}

export function boxHolds([w, s, e, n]: Box, lon: number, lat: number): boolean {
  return lon >= w && lon <= e && lat >= s && lat <= n;
}

/** Kilometres from a point to a country: negative inside its outline, positive outside. */
export function distanceToCountry(outline: CountryOutline, lon: number, lat: number): number {
  if (!outline.shape) return distance(point([lon, lat]), point(outline.label), { units: 'kilometers' }) - UNDRAWN_RADIUS_KM;
  return pointToPolygonDistance(point([lon, lat]), outline.shape, { units: 'kilometers' });
}

/**
 * The countries a circle reaches, allowing for the outlines'
 * simplification, nearest first (the country holding the centre leads).
 *
 * @example countriesReached({ lat: -1.29, lon: 36.82, radiusKm: 10 }) // ['KE']
 */
export function countriesReached(circle: Circle, toleranceKm = OUTLINE_TOLERANCE_KM): string[] {
  const reach = circle.radiusKm + toleranceKm;
  const found: { cc: string; km: number }[] = [];
  for (const outline of allOutlines().values()) {
    if (!boxHolds(growBox(outline.box, reach), circle.lon, circle.lat)) continue;
    const km = distanceToCountry(outline, circle.lon, circle.lat);
    if (km <= reach) found.push({ cc: outline.cc, km });
  }
  return found.sort((a, b) => a.km - b.km).map((f) => f.cc);
}

/** The country holding a point (or the nearest within the tolerance, for coasts and borders), or undefined at sea. */
export function countryAt(lat: number, lon: number): string | undefined {
  return countriesReached({ lat, lon, radiusKm: 0 })[0];
}
