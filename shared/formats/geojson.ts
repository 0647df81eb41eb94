import type { Position } from '../domain/place';
import { levelOf, type Version } from '../domain/publication';
import { entryTitle, publicationUrl } from './feed-entry';

/**
 * The GeoJSON feeds (RFC 7946): one Feature per area of each item, or, for
 * an item without areas, one Point per country at the country's label
 * position. A circle is a Point with `radiusKm` (GeoJSON has no circles),
 * and `placement` says which kind of feature it is.
 */

/** The media type of the GeoJSON feeds (RFC 7946 §12). */
export const GEOJSON_MEDIA_TYPE = 'application/geo+json';

/** What every feature of an item carries. */
export interface GeoFeatureProperties {
  id: string;
  version: number;
  kind: string;
  title: string;
  /** The advisory level of a travel advisory, else null. */
  level: number | null;
  link: string;
  countries: string[];
  publishedAt: string;
  eventStart: string | null;
  eventEnd: string | null;
  expiresAt: string | null;
  /** `area`: one of the item's areas; `circle`: a circle area (see `radiusKm`); `country`: the label point of a country the item covers as a whole. */
  placement: 'area' | 'circle' | 'country';
  areaName: string | null;
  radiusKm?: number;
}

type Geometry = { type: 'Point'; coordinates: Position } | { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

interface GeoFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: GeoFeatureProperties;
}

/** The features of one version; `labelOf` gives a country's label position (undefined for one the data does not know). */
function versionFeatures(version: Version, baseUrl: string, labelOf: (cc: string) => Position | undefined): GeoFeature[] {
  const { content } = version;
  const times = content as { eventStart?: string; eventEnd?: string; expiresAt?: string };
  const base = {
    id: version.id,
    version: version.version,
    kind: content.kind,
    title: entryTitle(content),
    level: levelOf(content) ?? null,
    link: publicationUrl(baseUrl, version.id),
    countries: [...content.countries],
    publishedAt: version.publishedAt,
    eventStart: times.eventStart ?? null,
    eventEnd: times.eventEnd ?? null,
    expiresAt: times.expiresAt ?? null,
  };
  if (content.areas) {
    return content.areas.features.map((area, i) => ({
      type: 'Feature',
      id: `${version.id}-${i}`,
      geometry: area.geometry,
      properties: {
        ...base,
        placement: area.geometry.type === 'Point' ? 'circle' : 'area',
        areaName: area.properties.name ?? null,
        ...(area.properties.radiusKm !== undefined ? { radiusKm: area.properties.radiusKm } : {}),
      },
    }));
  }
  return content.countries.flatMap((cc): GeoFeature[] => {
    const label = labelOf(cc);
    return label ? [{ type: 'Feature', id: `${version.id}-${cc}`, geometry: { type: 'Point', coordinates: label }, properties: { ...base, placement: 'country', areaName: null } }] : [];
  });
}

/** A FeatureCollection of the versions' features, as compact JSON. */
export function renderGeoJson(versions: readonly Version[], baseUrl: string, labelOf: (cc: string) => Position | undefined): string {
  return JSON.stringify({ type: 'FeatureCollection', features: versions.flatMap((v) => versionFeatures(v, baseUrl, labelOf)) });
}
