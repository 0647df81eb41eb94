import type { Context } from 'hono';
import * as z from 'zod';
import { CountryCodeSchema } from '../../../shared/domain/country';
import { KindSchema } from '../../../shared/domain/publication-kind';
import { RegionSchema } from '../../../shared/domain/region';
import { NotFoundError } from '../../../shared/errors';
import { FEED_FORMAT_NAMES, FEED_FORMATS, feedContentType, type FeedFormat } from '../../../shared/formats/feed-formats';
import { parseFeedScope, type FeedScope } from '../../../shared/services/feed-scope';
import { CAP_INDEX_CONTENT_TYPE, renderCapIndexFeed, renderFeed, type FeedDocument } from '../../../shared/services/render-feed';
import { renderFeedCalendar } from '../../../shared/services/render-feed-calendar';
import { renderFeedCapAlert } from '../../../shared/services/render-feed-cap';
import { renderFeedGeoJson } from '../../../shared/services/render-feed-geojson';
import { GEOJSON_MEDIA_TYPE } from '../../../shared/formats/geojson';
import { PUBLIC } from '../../http/access';
import type { AppEnv } from '../../http/env';
import type { PublicDocuments } from '../../http/public-documents';
import type { RouteDocs, RouteResponseDoc, Router } from '../../http/router';

/** Path parameters, validated with the same schemas the OpenAPI document shows. */
const CountryParamsSchema = z.object({ cc: CountryCodeSchema.describe('ISO 3166-1 alpha-2 country code, e.g. KE') });
const RegionParamsSchema = z.object({ region: RegionSchema.describe('Geographic bureau') });
const KindParamsSchema = z.object({ kind: KindSchema.describe('Content kind') });
const CapParamsSchema = z.object({ id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/).describe('Publication id (ULID)') });

function body(mediaType: string, description: string): Record<number, RouteResponseDoc> {
  return {
    200: {
      description,
      content: { [mediaType.split(';')[0] as string]: { schema: z.string() } },
      headers: {
        ETag: { description: 'Strong validator of the bytes', schema: z.string() },
        'Last-Modified': { description: 'When the content last changed', schema: z.string() },
        'Cache-Control': { description: 'public, max-age=60, stale-while-revalidate=300', schema: z.string() },
      },
    },
    304: { description: 'Not modified (If-None-Match or If-Modified-Since matched)' },
  };
}

function feedDocs(format: FeedFormat, what: string, params?: z.ZodObject): RouteDocs {
  return {
    summary: `${FEED_FORMATS[format].name} feed of ${what}`,
    description:
      'Newest first, at most 50 TLP:CLEAR items, whoever asks. Entries carry structured categories for kind, ISO country, region, advisory level and risk indicators, and the change note of amendments.',
    tags: ['Feeds'],
    ...(params ? { request: { params } } : {}),
    responses: body(feedContentType(format), `The ${FEED_FORMATS[format].name} document`),
  };
}

/**
 * Extracts a path parameter whose route pattern includes the file
 * extension (Hono cannot match `/:cc.rss`), and validates it.
 */
function stem(c: Context<AppEnv>, name: string, extension: string): string {
  const value = c.req.param(name) ?? '';
  return value.endsWith(`.${extension}`) ? value.slice(0, -(extension.length + 1)) : value;
}

function scopeOrNotFound(scope: FeedScope | undefined, what: string): FeedScope {
  if (!scope) throw new NotFoundError(`Feed for ${what.slice(0, 40)}`);
  return scope;
}

/** The per-country, per-region and per-kind feeds differ only in these facts. */
const SCOPED_FEEDS = [
  { segment: 'countries', param: 'cc', pattern: '[A-Za-z]{2}', noun: 'country', params: CountryParamsSchema },
  { segment: 'regions', param: 'region', pattern: '[A-Za-z]{2,3}', noun: 'region', params: RegionParamsSchema },
  { segment: 'kinds', param: 'kind', pattern: '[a-z-]{1,40}', noun: 'kind', params: KindParamsSchema },
] as const;

/**
 * Public feeds (RSS, Atom, JSON Feed, the CAP index, CAP alerts, iCalendar).
 * Everything here is TLP:CLEAR, rendered as the anonymous viewer whoever
 * asks, kept rendered in a per-process cache (see shared/services/feed-cache.ts
 * and docs/decisions/0006) and sent with precomputed validators; once
 * cached, anonymous GETs are answered before the middleware chain
 * (functions/http/public-documents.ts).
 */
export function feedRoutes(router: Router, documents: PublicDocuments): void {
  const serve = async (c: Context<AppEnv>, render: () => Promise<FeedDocument | undefined>, what: string): Promise<Response> => {
    const res = await documents.send(c, render);
    if (!res) throw new NotFoundError(what);
    return res;
  };
  const feedDeps = (c: Context<AppEnv>) => ({ publications: c.var.deps.publications, baseUrl: c.var.deps.config.baseUrl });

  for (const format of FEED_FORMAT_NAMES) {
    router.on('GET', `/feeds/all.${format}`, PUBLIC, (c) => serve(c, () => renderFeed(feedDeps(c), { type: 'all' }, format), 'Feed'), feedDocs(format, 'everything public'));

    for (const scoped of SCOPED_FEEDS) {
      router.on(
        'GET',
        `/feeds/${scoped.segment}/:${scoped.param}{${scoped.pattern}\\.${format}}`,
        PUBLIC,
        (c) => {
          const value = stem(c, scoped.param, format);
          const scope = scopeOrNotFound(parseFeedScope(scoped.segment, value), `${scoped.noun} ${value}`);
          return serve(c, () => renderFeed(feedDeps(c), scope, format), 'Feed');
        },
        feedDocs(format, `one ${scoped.noun}`, scoped.params),
      );
    }
  }

  router.on('GET', '/feeds/alerts.cap', PUBLIC, (c) => serve(c, () => renderCapIndexFeed(feedDeps(c)), 'Feed'), {
    summary: 'CAP 1.2 index (Atom) of security alerts and travel advisories',
    description:
      'An Atom feed whose entries link (rel="alternate", type="application/cap+xml") to each alert’s CAP 1.2 document: the CAP-over-Atom convention alert aggregators poll. At most 200 entries, newest first, TLP:CLEAR only.',
    tags: ['Feeds'],
    responses: body(CAP_INDEX_CONTENT_TYPE, 'The Atom index'),
  });

  router.on(
    'GET',
    '/cap/:id{[0-9A-Za-z]{1,40}\\.xml}',
    PUBLIC,
    (c) => {
      const id = stem(c, 'id', 'xml');
      if (!CapParamsSchema.safeParse({ id }).success) throw new NotFoundError('CAP alert');
      return serve(c, () => renderFeedCapAlert(feedDeps(c), id), 'CAP alert');
    },
    {
      summary: 'CAP 1.2 alert of a security alert or travel advisory',
      description:
        'The current version of a published TLP:CLEAR security alert or travel advisory as an OASIS CAP 1.2 alert. Amendments are msgType Update with references to every earlier public version. The mapping of urgency, severity and certainty is in docs/cap-mapping.md. Anything else (other kinds, archived, GREEN or AMBER) is a 404.',
      tags: ['Feeds'],
      request: { params: CapParamsSchema },
      responses: body('application/cap+xml', 'The CAP 1.2 alert'),
    },
  );

  const geoJsonDocs = (what: string, params?: z.ZodObject): RouteDocs => ({
    summary: `GeoJSON (RFC 7946) of ${what}`,
    description:
      'The current TLP:CLEAR security alerts and travel advisories as a FeatureCollection: one feature per area (a circle is a Point with `radiusKm`), or, for an item without areas, a Point at the label position of each of its countries. Every feature carries `id`, `version`, `kind`, `title`, `level`, `link`, `countries`, `publishedAt`, `eventStart`, `eventEnd`, `expiresAt`, `placement` (`area`, `circle` or `country`) and `areaName`.',
    tags: ['Feeds'],
    ...(params ? { request: { params } } : {}),
    responses: body(GEOJSON_MEDIA_TYPE, 'The FeatureCollection'),
  });
  router.on('GET', '/feeds/alerts.geojson', PUBLIC, (c) => serve(c, () => renderFeedGeoJson(feedDeps(c), { type: 'all' }), 'Feed'), geoJsonDocs('current alerts and advisories'));
  router.on(
    'GET',
    '/feeds/countries/:cc{[A-Za-z]{2}\\.geojson}',
    PUBLIC,
    (c) => {
      const value = stem(c, 'cc', 'geojson');
      const scope = scopeOrNotFound(parseFeedScope('countries', value), `country ${value}`);
      if (scope.type !== 'country') throw new NotFoundError('Feed');
      return serve(c, () => renderFeedGeoJson(feedDeps(c), scope), 'Feed');
    },
    geoJsonDocs('one country’s current alerts and advisory', CountryParamsSchema),
  );

  router.on('GET', '/feeds/anniversaries.ics', PUBLIC, (c) => serve(c, () => renderFeedCalendar(feedDeps(c)), 'Calendar'), {
    summary: 'iCalendar of significant anniversaries',
    description: 'One yearly recurring all-day event per public anniversary (RFC 5545).',
    tags: ['Feeds'],
    responses: body('text/calendar', 'The calendar'),
  });

  router.on(
    'GET',
    '/feeds/countries/:cc/anniversaries.ics',
    PUBLIC,
    (c) => {
      const cc = c.req.param('cc') ?? '';
      const scope = scopeOrNotFound(parseFeedScope('countries', cc), `country ${cc}`);
      if (scope.type !== 'country') throw new NotFoundError('Calendar');
      return serve(c, () => renderFeedCalendar(feedDeps(c), scope), 'Calendar');
    },
    {
      summary: 'iCalendar of one country’s significant anniversaries',
      description: 'One yearly recurring all-day event per public anniversary concerning the country (RFC 5545).',
      tags: ['Feeds'],
      request: { params: CountryParamsSchema },
      responses: body('text/calendar', 'The calendar'),
    },
  );
}
