import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import { point, polygon } from '@turf/helpers';
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
import type { Feature, Polygon } from 'geojson';
import type { AreaFeature, Box, Circle, Position } from '../domain/place';

/**
 * An item's areas made ready for many questions: each polygon as a Turf
 * feature with its bounding box, each circle as centre and radius. Matching
 * one alert against thousands of subscriptions asks the same areas again
 * and again, so they are prepared once per version ({@link preparedAreasOf})
 * and each question starts with a bounding-box test that rejects most
 * circles without any geodesy.
 */
export type PreparedArea =
  | { type: 'polygon'; feature: Feature<Polygon>; box: Box }
  | { type: 'circle'; centre: Position; radiusKm: number; box: Box };

const KM_PER_DEGREE = 111.2;

function boxOfRing(ring: readonly Position[]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of ring) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}

/** The box around a circle (generous towards the poles). */
export function boxOfCircle({ lon, lat, radiusKm }: Circle): Box {
  const dLat = radiusKm / KM_PER_DEGREE;
  const dLon = radiusKm / (KM_PER_DEGREE * Math.max(0.05, Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180)));
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}

export function boxesMeet(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Every area as prepared shapes: a MultiPolygon becomes one shape per polygon. */
export function prepareAreas(features: readonly AreaFeature[]): PreparedArea[] {
  return features.flatMap((feature): PreparedArea[] => {
    const g = feature.geometry;
    if (g.type === 'Point') {
      const radiusKm = feature.properties.radiusKm ?? 0;
      return [{ type: 'circle', centre: g.coordinates, radiusKm, box: boxOfCircle({ lon: g.coordinates[0], lat: g.coordinates[1], radiusKm }) }];
    }
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    return polygons.map((rings) => ({ type: 'polygon', feature: polygon(rings), box: boxOfRing(rings[0]!) }));
  });
}

const prepared = new WeakMap<object, PreparedArea[]>();

/**
 * The prepared areas of one item's areas, computed once per areas object
 * (a version read once per fan-out part asks for it per recipient).
 */
export function preparedAreasOf(areas: { features: readonly AreaFeature[] }): PreparedArea[] {
  let shapes = prepared.get(areas);
  if (!shapes) {
    shapes = prepareAreas(areas.features);
    prepared.set(areas, shapes);
  }
  return shapes;
}

/**
 * Whether a circle (a radius of 0 is a point) meets any of the areas:
 * another circle within the sum of the radii, or a polygon that holds the
 * centre or comes within the radius of it.
 */
export function circleMeetsAreas(areas: readonly PreparedArea[], circle: Circle): boolean {
  const box = boxOfCircle(circle);
  const centre = point([circle.lon, circle.lat]);
  return areas.some((area) => {
    if (!boxesMeet(box, area.box)) return false;
    if (area.type === 'circle') return distance(centre, point(area.centre), { units: 'kilometers' }) <= area.radiusKm + circle.radiusKm;
    // Inside is the common case near an alert and cheap; the distance to the edges only for centres outside.
    if (booleanPointInPolygon(centre, area.feature)) return true;
    return circle.radiusKm > 0 && pointToPolygonDistance(centre, area.feature, { units: 'kilometers' }) <= circle.radiusKm;
  });
}
