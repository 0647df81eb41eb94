import * as z from 'zod';
import { CountryCodeSchema } from '../../../shared/domain/country';
import { KindSchema } from '../../../shared/domain/publication-kind';
import { InstantSchema } from '../../../shared/domain/publication-content';
import { MAX_RADIUS_KM, MIN_RADIUS_KM, type Box } from '../../../shared/domain/place';
import type { PlaceQuery } from '../../../shared/geo/place-filter';
import { RegionSchema } from '../../../shared/domain/region';
import { parseOrThrow } from '../../../shared/domain/validation';
import { getPublication, listPublications, listVersions } from '../../../shared/services/read-publications';
import { PUBLIC } from '../../http/access';
import { cacheable } from '../../http/cache';
import { publicationEtag } from '../../http/etag';
import { contentEtag } from '../../http/weak-etag';
import { presentPublication, presentVersion } from '../presenters/publication';
import type { Router } from '../../http/router';
import { VersionListSchema, VersionPageSchema } from '../openapi/schemas';
import { headResponse, IdParams, publicationId } from './publication-id';

/** Kilometres around `near` when no radiusKm is given. */
const DEFAULT_NEAR_KM = 10;

const ListQuerySchema = z
  .object({
    kind: KindSchema.optional(),
    country: CountryCodeSchema.optional(),
    region: RegionSchema.optional(),
    since: InstantSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(1024).optional(),
    near: z
      .string()
      .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'must be LAT,LON in decimal degrees, e.g. -1.2864,36.8172')
      .optional()
      .describe('Only items whose areas (or, without areas, whose countries) meet the circle of radiusKm around LAT,LON'),
    radiusKm: z.coerce.number().min(MIN_RADIUS_KM).max(MAX_RADIUS_KM).optional().describe(`With near: the circle's radius in km (default ${DEFAULT_NEAR_KM})`),
    bbox: z
      .string()
      .regex(/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/, 'must be W,S,E,N in decimal degrees, e.g. 36.6,-1.45,37.1,-1.15')
      .optional()
      .describe('Only items whose areas (or, without areas, whose countries) meet the box W,S,E,N'),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.near && q.bbox) ctx.addIssue({ code: 'custom', path: ['bbox'], message: 'give near or bbox, not both' });
    if (q.radiusKm !== undefined && !q.near) ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: 'goes with near' });
    if (q.near) {
      const [lat, lon] = q.near.split(',').map(Number) as [number, number];
      if (Math.abs(lat) > 90 || Math.abs(lon) > 180) ctx.addIssue({ code: 'custom', path: ['near'], message: 'latitude must be -90 to 90 and longitude -180 to 180' });
    }
    if (q.bbox) {
      const [w, s, e, n] = q.bbox.split(',').map(Number) as [number, number, number, number];
      if (![w, s, e, n].every(Number.isFinite) || w < -180 || e > 180 || s < -90 || n > 90 || w >= e || s >= n) {
        ctx.addIssue({ code: 'custom', path: ['bbox'], message: 'must be west < east within -180…180 and south < north within -90…90' });
      }
    }
  });

/** The place a listing query asks for, if any. */
function placeOf(query: z.infer<typeof ListQuerySchema>): PlaceQuery | undefined {
  if (query.near) {
    const [lat, lon] = query.near.split(',').map(Number) as [number, number];
    return { near: { lat, lon, radiusKm: query.radiusKm ?? DEFAULT_NEAR_KM } };
  }
  if (query.bbox) return { box: query.bbox.split(',').map(Number) as Box };
  return undefined;
}

/** The query parameters of `GET /v1/publications`, for the edge's cache key. */
export const PUBLICATION_LIST_QUERY = Object.keys(ListQuerySchema.shape);

/** Reading publications: the list, one publication, its versions. Writes are the workflow routes (./workflow.ts). */
export function publicationRoutes(router: Router): void {
  router.on('GET', '/v1/publications', PUBLIC, async (c) => {
    const parsed = parseOrThrow(ListQuerySchema, c.req.query());
    const { near: _near, radiusKm: _radius, bbox: _bbox, ...query } = parsed;
    const page = await listPublications(c.var.deps, c.var.viewer, query, placeOf(parsed));
    const base = c.var.deps.config.baseUrl;
    const body = { items: page.items.map((v) => presentVersion(v, base)), cursor: page.cursor };
    return cacheable(c, body, contentEtag(body), page.items[0]?.publishedAt);
  }, {
    summary: 'Published items the caller may see, newest first',
    description:
      'Anonymous callers get TLP:CLEAR only; a member key adds GREEN and the AMBER items shared with its organization. With `near` or `bbox` a page may hold fewer than `limit` items while `cursor` says there are more: follow it.',
    tags: ['Publications'],
    request: { query: ListQuerySchema },
    responses: { 200: { description: 'A page of versions', content: { 'application/json': { schema: VersionPageSchema } } }, 304: { description: 'Not modified' } },
  });

  router.on('GET', '/v1/publications/:id', PUBLIC, async (c) => {
    const view = await getPublication(c.var.deps, c.var.viewer, publicationId(c));
    const body = presentPublication(view, c.var.deps.config.baseUrl);
    // The owner's ETag is the revision (for If-Match); anyone else's changes only with what they can see.
    return cacheable(c, body, view.owner ? publicationEtag(view.head.id, view.head.rev) : contentEtag(body), view.head.updatedAt);
  }, {
    summary: 'One publication as the caller may see it',
    tags: ['Publications'],
    request: { params: IdParams },
    responses: { ...headResponse(200, 'The publication'), 304: { description: 'Not modified' } },
  });

  router.on('GET', '/v1/publications/:id/versions', PUBLIC, async (c) => {
    const id = publicationId(c);
    const versions = await listVersions(c.var.deps, c.var.viewer, id);
    const base = c.var.deps.config.baseUrl;
    const body = { items: versions.map((v) => presentVersion(v, base)) };
    return cacheable(c, body, contentEtag(body), versions.at(-1)?.publishedAt);
  }, {
    summary: 'Every published version the caller may see, oldest first',
    tags: ['Publications'],
    request: { params: IdParams },
    responses: { 200: { description: 'The versions', content: { 'application/json': { schema: VersionListSchema } } }, 304: { description: 'Not modified' } },
  });
}
