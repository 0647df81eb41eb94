import * as z from 'zod';
import { CountryCodeSchema } from '../../../shared/domain/country';
import { KindSchema } from '../../../shared/domain/publication-kind';
import { InstantSchema } from '../../../shared/domain/publication-content';
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

const ListQuerySchema = z
  .object({
    kind: KindSchema.optional(),
    country: CountryCodeSchema.optional(),
    region: RegionSchema.optional(),
    since: InstantSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(1024).optional(),
  })
  .strict();

/** The query parameters of `GET /v1/publications`, for the edge's cache key. */
export const PUBLICATION_LIST_QUERY = Object.keys(ListQuerySchema.shape);

/** Reading publications: the list, one publication, its versions. Writes are the workflow routes (./workflow.ts). */
export function publicationRoutes(router: Router): void {
  router.on('GET', '/v1/publications', PUBLIC, async (c) => {
    const query = parseOrThrow(ListQuerySchema, c.req.query());
    const page = await listPublications(c.var.deps, c.var.viewer, query);
    const base = c.var.deps.config.baseUrl;
    const body = { items: page.items.map((v) => presentVersion(v, base)), cursor: page.cursor };
    return cacheable(c, body, contentEtag(body), page.items[0]?.publishedAt);
  }, {
    summary: 'Published items the caller may see, newest first',
    description: 'Anonymous callers get TLP:CLEAR only; a member key adds GREEN and the AMBER items shared with its organization.',
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
