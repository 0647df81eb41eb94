import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { kinks } from '@turf/kinks';
import { polygon } from '@turf/helpers';
import { countryName } from '../domain/country';
import type { AreaFeature, Position } from '../domain/place';
import type { PublicationContent } from '../domain/publication-content';
import { ValidationError, type FieldIssue } from '../errors';
import { boxOfCircle } from './areas';
import { boxHolds, countryOutline, distanceToCountry, growBox, OUTLINE_TOLERANCE_KM, type CountryOutline } from './outlines';
import { isSubdivisionCode } from './subdivision-codes';

/**
 * What the content schema cannot check of an item's places because it
 * needs geometry or reference data: a ring that crosses itself, an area
 * outside the item's countries (every vertex within a country's bounding
 * box, and the area touching one of the countries' outlines, both with the
 * outlines' tolerance), and subdivision codes that ISO 3166-2 does not
 * list. Paths name the field as the schema's do (`areas.features.0.geometry`).
 */
function placeIssues(content: PublicationContent): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const outlines = content.countries.map(countryOutline).filter((o): o is CountryOutline => o !== undefined);
  const where = content.countries.map(countryName).join(', ');
  const checkArea = (feature: AreaFeature, path: string) => issues.push(...areaIssues(feature, path, outlines, where));
  content.areas?.features.forEach((feature, i) => checkArea(feature, `areas.features.${i}`));
  const checkCodes = (codes: readonly string[] | undefined, path: string) =>
    (codes ?? []).forEach((code, i) => {
      if (!isSubdivisionCode(code)) issues.push({ path: `${path}.${i}`, message: 'is not an ISO 3166-2 subdivision code' });
    });
  checkCodes(content.subdivisions, 'subdivisions');
  if (content.kind === 'travel-advisory') {
    content.areaLevels?.forEach((entry, i) => {
      checkCodes(entry.subdivisions, `areaLevels.${i}.subdivisions`);
      if (entry.area) checkArea(entry.area, `areaLevels.${i}.area`);
    });
  }
  return issues;
}

/** Throws a ValidationError (422) naming every place field that fails {@link placeIssues}. */
export function assertPlaces(content: PublicationContent): void {
  const issues = placeIssues(content);
  if (issues.length > 0) throw new ValidationError(issues);
}

function ringsOf(feature: AreaFeature): Position[][][] {
  const g = feature.geometry;
  if (g.type === 'Point') return [];
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function areaIssues(feature: AreaFeature, path: string, outlines: readonly CountryOutline[], where: string): FieldIssue[] {
  const geometry = feature.geometry;
  const polygons = ringsOf(feature);
  for (const [p, rings] of polygons.entries()) {
    const crossing = kinks(polygon(rings)).features[0];
    if (crossing) {
      const [lon, lat] = crossing.geometry.coordinates;
      const at = geometry.type === 'MultiPolygon' ? `${path}.geometry.coordinates.${p}` : `${path}.geometry`;
      return [{ path: at, message: `crosses itself near ${lat!.toFixed(4)}, ${lon!.toFixed(4)} (latitude, longitude): draw its edges so that none cross` }];
    }
  }
  const outside = `lies outside ${where}: an area must be within the item's countries`;
  if (geometry.type === 'Point') {
    const [lon, lat] = geometry.coordinates;
    const box = boxOfCircle({ lon, lat, radiusKm: feature.properties.radiusKm ?? 0 });
    const corners: Position[] = [[box[0], box[1]], [box[2], box[3]]];
    const inBoxes = corners.every(([x, y]) => outlines.some((o) => boxHolds(growBox(o.box, OUTLINE_TOLERANCE_KM), x, y)));
    const touches = outlines.some((o) => distanceToCountry(o, lon, lat) <= (feature.properties.radiusKm ?? 0) + OUTLINE_TOLERANCE_KM);
    return inBoxes && touches ? [] : [{ path: `${path}.geometry`, message: outside }];
  }
  const vertices = polygons.flatMap((rings) => rings[0]!);
  const inBoxes = vertices.every(([x, y]) => outlines.some((o) => boxHolds(growBox(o.box, OUTLINE_TOLERANCE_KM), x, y)));
  return inBoxes && touchesCountry(polygons, vertices, outlines) ? [] : [{ path: `${path}.geometry`, message: outside }];
}

/** Checked cheapest first: a vertex inside an outline, a few vertices near one, a country's label inside the area. */
function touchesCountry(polygons: Position[][][], vertices: readonly Position[], outlines: readonly CountryOutline[]): boolean {
  const shaped = outlines.filter((o) => o.shape);
  if (vertices.some((v) => shaped.some((o) => booleanPointInPolygon(v, o.shape!)))) return true;
  const sample = vertices.filter((_, i) => i % Math.ceil(vertices.length / 12) === 0);
  if (sample.some(([lon, lat]) => outlines.some((o) => distanceToCountry(o, lon, lat) <= OUTLINE_TOLERANCE_KM))) return true;
  return outlines.some((o) => polygons.some((rings) => booleanPointInPolygon(o.label, polygon(rings))));
}
