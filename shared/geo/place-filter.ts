import { booleanIntersects } from '@turf/boolean-intersects';
import { distance } from '@turf/distance';
import { point, polygon } from '@turf/helpers';
import type { Box, Circle } from '../domain/place';
import type { PublicationContent } from '../domain/publication-content';
import { boxesMeet, boxOfCircle, circleMeetsAreas, preparedAreasOf, type PreparedArea } from './areas';
import { boxHolds, countryOutline, distanceToCountry } from './outlines';

/** Where a listing is narrowed to: a circle around a point, or a box. */
export type PlaceQuery = { near: Circle } | { box: Box };

function boxPolygon([w, s, e, n]: Box) {
  return polygon([[[w, s], [e, s], [e, n], [w, n], [w, s]]]);
}

function areaMeetsBox(area: PreparedArea, box: Box): boolean {
  if (!boxesMeet(area.box, box)) return false;
  if (area.type === 'polygon') return booleanIntersects(boxPolygon(box), area.feature);
  // The point of the box nearest the centre is within the radius.
  const [lon, lat] = area.centre;
  const nearest = point([Math.min(Math.max(lon, box[0]), box[2]), Math.min(Math.max(lat, box[1]), box[3])]);
  return distance(point(area.centre), nearest, { units: 'kilometers' }) <= area.radiusKm;
}

function countryMeets(cc: string, place: PlaceQuery): boolean {
  const outline = countryOutline(cc);
  if (!outline) return false;
  if ('near' in place) {
    const { lon, lat, radiusKm } = place.near;
    return boxesMeet(boxOfCircle(place.near), outline.box) && distanceToCountry(outline, lon, lat) <= radiusKm;
  }
  if (!boxesMeet(outline.box, place.box)) return false;
  return outline.shape ? booleanIntersects(boxPolygon(place.box), outline.shape) : boxHolds(place.box, outline.label[0], outline.label[1]);
}

/**
 * Whether an item is in the place a listing asks for: its areas meet the
 * circle or box, or, for an item without areas, one of its countries does.
 */
export function itemMeetsPlace(content: Pick<PublicationContent, 'areas' | 'countries'>, place: PlaceQuery): boolean {
  if (content.areas) {
    const areas = preparedAreasOf(content.areas);
    return 'near' in place ? circleMeetsAreas(areas, place.near) : areas.some((area) => areaMeetsBox(area, place.box));
  }
  return content.countries.some((cc) => countryMeets(cc, place));
}
