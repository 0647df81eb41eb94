import * as z from 'zod';
import { AdvisoryLevelSchema } from './advisory-level';

/**
 * Places: the areas an item covers (GeoJSON, RFC 7946), ISO 3166-2
 * subdivisions, and the circles subscriptions and sites are matched by.
 * This module checks shape only — what CAP and public alert aggregators can
 * carry (closed rings of at least four positions, no holes, circles of a
 * real radius) and the size limits. Whether a ring crosses itself, whether
 * an area lies in the item's countries and whether a subdivision code
 * exists need geometry and reference data: shared/geo/check-places.ts.
 */

/** At most this many areas on one item. */
const MAX_AREAS = 50;
/** Vertices of every area of an item together (a circle counts one). */
const MAX_VERTICES = 1_000;
/** A circle's radius, in kilometres: aggregators refuse radii near zero. */
export const MIN_RADIUS_KM = 0.1;
export const MAX_RADIUS_KM = 500;
/** CAP's `areaDesc` must stay under 50 characters, and it is built from the names. */
const MAX_AREA_NAME = 49;

/** `[longitude, latitude]` in degrees (WGS 84), as GeoJSON orders them. */
export type Position = [lon: number, lat: number];

const LongitudeSchema = z.number().min(-180, 'longitude must be -180 to 180').max(180, 'longitude must be -180 to 180');
const LatitudeSchema = z.number().min(-90, 'latitude must be -90 to 90').max(90, 'latitude must be -90 to 90');
const PositionSchema = z.tuple([LongitudeSchema, LatitudeSchema], { message: 'must be a position [longitude, latitude]' });

const RingSchema = z
  .array(PositionSchema)
  .min(4, 'a ring needs at least four positions: three corners and the first again')
  .refine((ring) => ring.length < 2 || (ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]), 'the ring is not closed: its last position must repeat its first');

const HOLE_MESSAGE =
  'has a hole (a second ring): CAP and public alert aggregators cannot carry holes; draw the area as several polygons around the hole instead';

const PolygonCoordinatesSchema = z.array(RingSchema).min(1, 'a polygon needs its outer ring').max(1, HOLE_MESSAGE);

const PolygonSchema = z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinatesSchema });
const MultiPolygonSchema = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinatesSchema).min(1).max(MAX_AREAS) });
const PointSchema = z.object({ type: z.literal('Point'), coordinates: PositionSchema });

const RadiusSchema = z
  .number()
  .min(MIN_RADIUS_KM, `must be at least ${MIN_RADIUS_KM} km`)
  .max(MAX_RADIUS_KM, `must be at most ${MAX_RADIUS_KM} km`);

/**
 * One area: a Polygon or MultiPolygon, or a Point with `radiusKm` (a
 * circle), with an optional `name`. Other GeoJSON members (`id`, `bbox`,
 * styling properties) are legal foreign members and are dropped.
 */
export const AreaFeatureSchema = z
  .object({
    type: z.literal('Feature'),
    properties: z
      .object({
        name: z.string().trim().min(1, 'must not be empty').max(MAX_AREA_NAME, `must be at most ${MAX_AREA_NAME} characters (CAP areaDesc stays under 50)`).optional(),
        radiusKm: RadiusSchema.optional(),
      })
      .nullable()
      .default({}),
    geometry: z.discriminatedUnion('type', [PolygonSchema, MultiPolygonSchema, PointSchema], {
      message: 'must be a Polygon, a MultiPolygon or a Point with properties.radiusKm',
    }),
  })
  .transform(({ properties, geometry }) => ({
    type: 'Feature' as const,
    properties: { ...(properties?.name ? { name: properties.name } : {}), ...(properties?.radiusKm !== undefined ? { radiusKm: properties.radiusKm } : {}) },
    geometry,
  }))
  .superRefine((feature, ctx) => {
    if (feature.geometry.type === 'Point' && feature.properties.radiusKm === undefined) {
      ctx.addIssue({ code: 'custom', path: ['properties', 'radiusKm'], message: `a Point is a circle: give its radius in km (${MIN_RADIUS_KM}–${MAX_RADIUS_KM})` });
    }
    if (feature.geometry.type !== 'Point' && feature.properties.radiusKm !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['properties', 'radiusKm'], message: 'only a Point (a circle) has a radius' });
    }
  });
export type AreaFeature = z.output<typeof AreaFeatureSchema>;
export type AreaGeometry = AreaFeature['geometry'];

/** The areas an item covers: a GeoJSON FeatureCollection. */
export const AreasSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(AreaFeatureSchema).min(1, 'must hold at least one area (leave `areas` out for a whole country)').max(MAX_AREAS, `must hold at most ${MAX_AREAS} areas`),
  })
  .transform(({ features }) => ({ type: 'FeatureCollection' as const, features }));
export type Areas = z.output<typeof AreasSchema>;

/** An ISO 3166-2 code in upper case; whether it exists is checked against the list (shared/geo/subdivisions.ts). */
const SubdivisionCodeSchema = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 code in upper case, e.g. "MX-COL"');

/**
 * A travel advisory's level for part of its country, where it differs from
 * the country's level: named by subdivisions, drawn as an area, or both.
 */
export const AreaLevelSchema = z
  .object({
    level: AdvisoryLevelSchema,
    subdivisions: z.array(SubdivisionCodeSchema).max(100).optional(),
    area: AreaFeatureSchema.optional(),
    note: z.string().trim().min(1, 'must not be empty').max(1_000, 'must be at most 1000 characters'),
  })
  .strict();
export type AreaLevel = z.output<typeof AreaLevelSchema>;

/** The fields every kind accepts for its place (spread into the content envelope). */
export const PlaceFields = {
  areas: AreasSchema.optional(),
  subdivisions: z
    .array(SubdivisionCodeSchema)
    .max(100, 'must have at most 100 entries')
    .refine((list) => new Set(list).size === list.length, 'must not repeat an entry')
    .optional(),
};

/** Vertices of one area: a ring's positions less the repeated first, one for a circle. */
function vertexCount(geometry: AreaGeometry): number {
  switch (geometry.type) {
    case 'Point':
      return 1;
    case 'Polygon':
      return geometry.coordinates.reduce((n, ring) => n + ring.length - 1, 0);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((n, polygon) => n + polygon.reduce((m, ring) => m + ring.length - 1, 0), 0);
  }
}

interface PlaceContent {
  kind: string;
  countries: readonly string[];
  areas?: Areas | undefined;
  subdivisions?: readonly string[] | undefined;
  level?: number;
  areaLevels?: readonly AreaLevel[] | undefined;
}

/** Cross-field rules of places: subdivisions of the item's countries, the vertex budget, area levels that differ. */
export function placeRules(parsed: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const content = parsed as unknown as PlaceContent;
  const countries = new Set(content.countries);
  const checkSubdivisions = (codes: readonly string[] | undefined, path: (string | number)[]) =>
    (codes ?? []).forEach((code, i) => {
      if (!countries.has(code.slice(0, 2))) ctx.addIssue({ code: 'custom', path: [...path, i], message: `is not a subdivision of ${[...countries].join(', ')}` });
    });
  checkSubdivisions(content.subdivisions, ['subdivisions']);
  let vertices = (content.areas?.features ?? []).reduce((n, f) => n + vertexCount(f.geometry), 0);
  (content.areaLevels ?? []).forEach((entry, i) => {
    checkSubdivisions(entry.subdivisions, ['areaLevels', i, 'subdivisions']);
    if (!entry.area && !entry.subdivisions?.length) ctx.addIssue({ code: 'custom', path: ['areaLevels', i], message: 'names subdivisions, draws an area, or both' });
    if (entry.level === content.level) ctx.addIssue({ code: 'custom', path: ['areaLevels', i, 'level'], message: 'is the country’s own level: list only parts whose level differs' });
    if (entry.area) vertices += vertexCount(entry.area.geometry);
  });
  if (vertices > MAX_VERTICES) {
    ctx.addIssue({ code: 'custom', path: [content.areas ? 'areas' : 'areaLevels'], message: `has ${vertices} vertices in all; at most ${MAX_VERTICES} (simplify the shapes)` });
  }
}

/** A circle on the Earth: centre and radius in kilometres (0 for a point). */
export interface Circle {
  lat: number;
  lon: number;
  radiusKm: number;
}

/** `near` of a subscription or a query: a centre and a radius. */
export const NearSchema = z
  .object({
    lat: LatitudeSchema,
    lon: LongitudeSchema,
    radiusKm: RadiusSchema,
  })
  .strict();
export type Near = z.infer<typeof NearSchema>;

/** A box `[west, south, east, north]` in degrees. */
export type Box = [west: number, south: number, east: number, north: number];
