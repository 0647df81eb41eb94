import type { Version } from '../domain/publication';
import { ANONYMOUS } from '../domain/sharing';
import { CAP_KINDS } from '../formats/feed-entry';
import { GEOJSON_MEDIA_TYPE, renderGeoJson } from '../formats/geojson';
import { countryOutline } from '../geo/outlines';
import type { FeedScope } from './feed-scope';
import type { FeedDeps, FeedDocument } from './render-feed';

/** Items a GeoJSON feed reads per listing partition: every current advisory and the recent alerts. */
const GEOJSON_LIMIT = 500;
const NEVER = '1970-01-01T00:00:00.000Z';

/**
 * Renders `/feeds/alerts.geojson` (scope `all`) or
 * `/feeds/countries/{cc}.geojson`: the current public (TLP:CLEAR) security
 * alerts and travel advisories as a GeoJSON FeatureCollection, one feature
 * per area, or per country at its label position for items without areas.
 * One Query per kind's CLEAR listing (or the country's), newest first.
 */
export async function renderFeedGeoJson(deps: FeedDeps, scope: Extract<FeedScope, { type: 'all' | 'country' }>): Promise<FeedDocument> {
  const base = deps.baseUrl.replace(/\/+$/, '');
  const pages =
    scope.type === 'country'
      ? [await deps.publications.listVisible(ANONYMOUS, { country: scope.code, limit: GEOJSON_LIMIT })]
      : await Promise.all([...CAP_KINDS].map((kind) => deps.publications.listVisible(ANONYMOUS, { kind, limit: GEOJSON_LIMIT })));
  const versions: Version[] = pages
    .flatMap((p) => p.items)
    .filter((v) => v.content.sharing === 'TLP:CLEAR' && CAP_KINDS.has(v.content.kind))
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id < b.id ? 1 : -1));
  const lastModified = versions.reduce((max, v) => (v.publishedAt > max ? v.publishedAt : max), NEVER);
  return {
    body: renderGeoJson(versions, base, (cc) => countryOutline(cc)?.label),
    contentType: `${GEOJSON_MEDIA_TYPE}; charset=utf-8`,
    lastModified,
  };
}
