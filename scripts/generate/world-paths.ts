/**
 * The world map of the home page, projected at build time (Equal Earth,
 * simplified, one SVG path per country in the country table's order); see
 * scripts/generate-data.ts and docs/decisions/0009.
 */
import { brotliCompressSync, constants } from 'node:zlib';
import pointOnFeature from '@turf/point-on-feature';
import { geoArea, geoCentroid, geoEqualEarth, geoPath } from 'd3-geo';
import type { GeoContext, GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon as GeoPolygon } from 'geojson';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import atlasJson from 'world-atlas/countries-50m.json' with { type: 'json' };
import type { Country } from '../../shared/domain/country';
import type { CountryDetails } from '../../shared/domain/country-details';

/** What the map needs of a country: its code, name and the numeric code Natural Earth keys its shape by. */
type MapCountry = Country & Pick<CountryDetails, 'numeric'>;
import { encodeOutlines } from '../../shared/geo/outline-codec';
import { svgPathData } from '../../web/map/path-data';

/** The projected world: a viewBox and `[alpha-2 code, SVG path data]` per country, in English-name order. */
export interface WorldPaths {
  viewBox: string;
  /** Each drawn country's rings in whole tenths of a viewBox unit (the module stores these, encoded). */
  outlines: [cc: string, rings: [number, number][][]][];
  /** The same as SVG path data, as the map draws it. */
  paths: [cc: string, d: string][];
  /** The Equal Earth projection the paths were drawn with: x = raw x · scale + tx, y = ty − raw y · scale. */
  projection: { scale: number; translate: [number, number] };
  /**
   * A label position per country of the table, `[cc, lon, lat]` in degrees
   * to 0.01, in English-name order: a point on the country's largest polygon
   * (Turf `pointOnFeature`), or `world-countries`' `latlng` for countries
   * the map does not draw.
   */
  labels: [cc: string, lon: number, lat: number][];
}

type CountryProperties = { name: string };
type Atlas = Topology<{ countries: GeometryCollection<CountryProperties>; land: GeometryCollection }>;

/** The viewBox width; the height follows from the projection fitted to it. */
const WIDTH = 960;
const MARGIN = 4;
/** Coordinates are rounded to whole tenths of a viewBox unit. */
const PRECISION = 10;
/**
 * Rings smaller than this (in square viewBox units) are dropped unless they
 * are the country's largest: at 960 px wide they are specks that cost bytes
 * but can't be seen or clicked. A country always keeps its largest ring.
 */
const MIN_RING_AREA = 0.5;
/** Douglas–Peucker tolerance in viewBox units, applied to shared arcs. */
const TOLERANCE = 0.3;

/**
 * Features Natural Earth draws without an ISO numeric id, and where each goes.
 * - Kosovo → XK: `world-countries` knows XK (user-assigned, no numeric code),
 *   and the Department publishes a separate advisory for it.
 * - N. Cyprus → CY and Somaliland → SO: ISO 3166 and the Department's
 *   advisories treat them as parts of Cyprus and Somalia; their outlines are
 *   merged in, so no internal border is drawn.
 * - Indian Ocean Ter. → CX (Christmas Island), less its Cocos (Keeling)
 *   Islands parts, which go to CC (see {@link MOVED_PARTS}).
 * - Siachen Glacier → dropped: disputed between India and Pakistan; giving it
 *   to either would take a side, and it is a few pixels across.
 * An unnumbered feature not listed here fails the generator: a new Natural
 * Earth release needs a decision, not a guess.
 */
const BY_NAME: Readonly<Record<string, string | null>> = {
  Kosovo: 'XK',
  'N. Cyprus': 'CY',
  Somaliland: 'SO',
  'Indian Ocean Ter.': 'CX',
  'Siachen Glacier': null,
};

/**
 * Polygons that belong to another ISO country than the feature that holds
 * them, picked by their centroid falling in a [west, south, east, north] box.
 * Advisories are keyed by alpha-2 code, so French Guiana's shape must answer
 * to GF, not to France's advisory.
 * - Crimea → UA: Natural Earth draws it in Russia; the United States, ISO
 *   3166 and UN General Assembly resolution 68/262 hold it to be Ukraine.
 * - France's overseas departments → GF, GP, MQ, RE, YT; Svalbard and Jan
 *   Mayen (in Norway) → SJ; Bonaire, Sint Eustatius and Saba (in the
 *   Netherlands) → BQ; Tokelau (in New Zealand) → TK; the Cocos (Keeling)
 *   Islands (in "Indian Ocean Ter.") → CC.
 * Every rule must match at least one polygon, or the generator fails.
 */
const MOVED_PARTS: readonly { cc: string; box: readonly [number, number, number, number] }[] = [
  { cc: 'UA', box: [32.4, 44.3, 36.7, 46.2] },
  { cc: 'GF', box: [-54.7, 2, -51.5, 6] },
  { cc: 'GP', box: [-61.9, 15.8, -61, 16.6] },
  { cc: 'MQ', box: [-61.3, 14.3, -60.7, 14.95] },
  { cc: 'RE', box: [55.1, -21.5, 56, -20.7] },
  { cc: 'YT', box: [44.9, -13.1, 45.4, -12.5] },
  { cc: 'SJ', box: [10, 74, 35, 81.5] },
  { cc: 'SJ', box: [-9.2, 70.7, -7.8, 71.3] },
  { cc: 'BQ', box: [-68.5, 11.9, -68.1, 12.4] },
  { cc: 'BQ', box: [-63.3, 17.4, -62.9, 17.7] },
  { cc: 'TK', box: [-172.6, -9.6, -171, -8.4] },
  { cc: 'CC', box: [96.5, -12.5, 97.2, -11.5] },
];

/**
 * Antarctica (numeric 010) is dropped: no one travels there on an advisory,
 * and under Equal Earth it would take a fifth of the map's height.
 */
const DROPPED_NUMERIC = new Set(['010']);

/**
 * Projects Natural Earth 1:50m for the home page's map.
 *
 * 1:50m rather than 1:110m, because 1:110m lacks ~60 ISO countries
 * (Singapore, Bahrain, Malta, Andorra, most island states). Its shared arcs
 * are simplified to 0.3 units (Douglas–Peucker) and rounded to 0.1, which
 * keeps the whole SVG under 150 KB. Equal Earth, because an equal-area
 * projection doesn't inflate Russia and Canada over Africa, fitted to a
 * 960-unit-wide viewBox.
 */
export function worldPaths(table: readonly MapCountry[], fallbackLabels: ReadonlyMap<string, [lon: number, lat: number]> = new Map()): WorldPaths {
  // Simplify at the scale of the whole sphere fitted to the width, which is
  // within a hair of the final scale and known before any country is built.
  const projection = geoEqualEarth().precision(0).fitWidth(WIDTH - 2 * MARGIN, { type: 'Sphere' });
  const atlas = simplifyArcs(atlasJson as unknown as Atlas, projection, TOLERANCE);
  const names = new Map(table.map((c) => [c.code, c.name]));

  const features: Feature<GeoPolygon | MultiPolygon, { cc: string }>[] = [];
  for (const [cc, geometries] of groupByCountry(atlas, table)) {
    // Merging dissolves the borders between a country's pieces (Crimea and
    // Ukraine, Somaliland and Somalia) rather than drawing them.
    const geometry = geometries.length === 1 ? feature(atlas, geometries[0]!).geometry : merge(atlas, geometries);
    features.push({ type: 'Feature', properties: { cc }, geometry });
  }
  const collection: FeatureCollection<GeoPolygon | MultiPolygon, { cc: string }> = { type: 'FeatureCollection', features };

  // Fit the countries themselves (no Antarctica, no empty polar cap) and let
  // the height follow, so the map has no blank bands.
  projection.fitWidth(WIDTH - 2 * MARGIN, collection);
  const [tx, ty] = projection.translate();
  projection.translate([tx + MARGIN, ty + MARGIN]);
  const [, [, maxY]] = geoPath(projection).bounds(collection);
  const height = Math.ceil(maxY + MARGIN);

  const recorder = new RingRecorder();
  const draw = geoPath(projection, recorder);
  const outlines = features
    .map((f) => {
      recorder.rings = [];
      draw(f);
      const cc = f.properties.cc;
      return { cc, name: names.get(cc) ?? cc, rings: keptRings(recorder.rings) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .map(({ cc, rings }): [string, [number, number][][]] => [cc, rings]);

  const shapeLabels = new Map(features.map((f) => [f.properties.cc, labelOf(f.geometry)]));
  const labels = [...table]
    .filter((c) => shapeLabels.has(c.code) || fallbackLabels.has(c.code))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .map((c): [string, number, number] => {
      const [lon, lat] = shapeLabels.get(c.code) ?? fallbackLabels.get(c.code)!;
      return [c.code, hundredths(lon), hundredths(lat)];
    });
  return { viewBox: `0 0 ${WIDTH} ${height}`, outlines, paths: outlines.map(([cc, rings]) => [cc, svgPathData(rings)]), projection: { scale: projection.scale(), translate: [tx + MARGIN, ty + MARGIN] }, labels };
}

function hundredths(degrees: number): number {
  return Math.round(degrees * 100) / 100;
}

/** A point on the largest polygon of a country (by area on the sphere), where a map can put its label. */
function labelOf(geometry: GeoPolygon | MultiPolygon): [number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = polygons.reduce((best, rings) => (geoArea({ type: 'Polygon', coordinates: rings }) > geoArea({ type: 'Polygon', coordinates: best }) ? rings : best));
  const [lon, lat] = pointOnFeature({ type: 'Polygon', coordinates: largest }).geometry.coordinates;
  return [lon!, lat!];
}

/** Sorts the atlas's polygons into alpha-2 buckets, applying the rules above. */
function groupByCountry(atlas: Atlas, table: readonly MapCountry[]): Map<string, TopoPolygon<CountryProperties>[]> {
  const byNumeric = new Map(table.filter((c) => c.numeric !== '').map((c) => [c.numeric, c.code]));
  const grouped = new Map<string, TopoPolygon<CountryProperties>[]>();
  const unmatched = new Set(MOVED_PARTS);
  const add = (cc: string, geometry: TopoPolygon<CountryProperties>): void => {
    const list = grouped.get(cc);
    if (list) list.push(geometry);
    else grouped.set(cc, [geometry]);
  };

  for (const geometry of atlas.objects.countries.geometries) {
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') continue;
    const name = geometry.properties?.name ?? '';
    let cc: string | null | undefined;
    if (geometry.id !== undefined) {
      const id = String(geometry.id);
      if (DROPPED_NUMERIC.has(id)) continue;
      cc = byNumeric.get(id);
      if (!cc) throw new Error(`world-geometry: no country has the numeric code ${id} (${name})`);
    } else {
      cc = BY_NAME[name];
      if (cc === undefined) throw new Error(`world-geometry: no rule for the unnumbered feature "${name}"`);
      if (cc === null) continue;
    }
    const parts: TopoPolygon<CountryProperties>[] =
      geometry.type === 'Polygon' ? [geometry] : geometry.arcs.map((arcs) => ({ type: 'Polygon', arcs, properties: { name } }));
    for (const part of parts) {
      const [lon, lat] = geoCentroid(feature(atlas, part));
      const rule = MOVED_PARTS.find(({ box: [w, s, e, n] }) => lon >= w && lon <= e && lat >= s && lat <= n);
      if (rule) unmatched.delete(rule);
      add(rule?.cc ?? cc, part);
    }
  }
  for (const rule of unmatched) {
    throw new Error(`world-geometry: no polygon for ${rule.cc} in [${rule.box.join(', ')}]; has Natural Earth changed?`);
  }
  return grouped;
}

/** A d3 path context that keeps rings as whole numbers of tenths, dropping repeats. */
class RingRecorder implements GeoContext {
  rings: [number, number][][] = [];
  private current: [number, number][] = [];

  beginPath(): void {}
  moveTo(x: number, y: number): void {
    this.current = [];
    this.rings.push(this.current);
    this.lineTo(x, y);
  }
  lineTo(x: number, y: number): void {
    const point: [number, number] = [Math.round(x * PRECISION), Math.round(y * PRECISION)];
    const last = this.current[this.current.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) this.current.push(point);
  }
  closePath(): void {}
  arc(): void {}
}

/** Twice the signed area of a ring, in integer units. */
function ringArea(ring: readonly [number, number][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  }
  return Math.abs(sum);
}

/**
 * The rings the map keeps: drops rings that rounding has collapsed or that
 * are too small to see, but always keeps the country's largest ring so
 * every country has a shape.
 */
function keptRings(rings: readonly [number, number][][]): [number, number][][] {
  const minArea = 2 * MIN_RING_AREA * PRECISION * PRECISION;
  const areas = rings.map(ringArea);
  const largest = areas.indexOf(Math.max(...areas));
  return rings.filter((ring, i) => ring.length > 0 && (i === largest || (ring.length >= 3 && areas[i]! >= minArea)));
}

/** The Base64 of the Brotli-compressed binary outlines (shared/geo/outline-codec.ts), as the generated module stores them. */
export function compressedOutlines(outlines: WorldPaths['outlines']): string {
  const bytes = encodeOutlines(outlines);
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).toString('base64');
}

/**
 * Simplifies every arc of the topology (Douglas–Peucker, measured in
 * projected viewBox units) and returns an untransformed copy. Working on
 * the shared arcs rather than on each country keeps neighbours' borders
 * identical, so no slivers or gaps open between them.
 */
function simplifyArcs(atlas: Atlas, projection: GeoProjection, tolerance: number): Atlas {
  const [sx, sy] = atlas.transform?.scale ?? [1, 1];
  const [tx, ty] = atlas.transform?.translate ?? [0, 0];
  const arcs = atlas.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    // Quantized topologies store each arc as deltas from its previous point.
    const lonLat = arc.map(([a, b]): [number, number] => {
      if (!atlas.transform) return [a!, b!];
      x += a!;
      y += b!;
      return [x * sx + tx, y * sy + ty];
    });
    // Plain point projection never clips, so the fallback is unreachable.
    const projected = lonLat.map((p): [number, number] => projection(p) ?? [0, 0]);
    const last = lonLat.length - 1;
    const keep = new Uint8Array(lonLat.length);
    keep[0] = 1;
    keep[last] = 1;
    if (last > 1 && samePoint(projected[0]!, projected[last]!)) {
      // A closed ring: split at the point farthest from the start so the
      // ring keeps at least a triangle.
      let far = 1;
      let best = -1;
      for (let i = 1; i < last; i++) {
        const dist = Math.hypot(projected[i]![0] - projected[0]![0], projected[i]![1] - projected[0]![1]);
        if (dist > best) [best, far] = [dist, i];
      }
      keep[far] = 1;
      douglasPeucker(projected, 0, far, tolerance, keep);
      douglasPeucker(projected, far, last, tolerance, keep);
    } else {
      douglasPeucker(projected, 0, last, tolerance, keep);
    }
    return lonLat.filter((_, i) => keep[i] === 1);
  });
  const { transform: _transform, ...rest } = atlas;
  return { ...rest, arcs };
}

function samePoint(a: readonly number[], b: readonly number[]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function douglasPeucker(points: readonly [number, number][], first: number, last: number, tolerance: number, keep: Uint8Array): void {
  const stack: [number, number][] = [[first, last]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = points[a]!;
    const [bx, by] = points[b]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy);
    let worst = -1;
    let index = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i]!;
      const dist = length === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (dist > worst) [worst, index] = [dist, i];
    }
    if (index !== -1 && worst > tolerance) {
      keep[index] = 1;
      stack.push([a, index], [index, b]);
    }
  }
}

