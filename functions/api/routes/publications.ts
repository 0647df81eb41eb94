import type { Context } from 'hono';
import { z } from 'zod';
import { CountryCodeSchema } from '../../../shared/domain/country';
import { KindSchema } from '../../../shared/domain/publication-kind';
import { InstantSchema } from '../../../shared/domain/publication-content';
import { RegionSchema } from '../../../shared/domain/region';
import { parseOrThrow } from '../../../shared/domain/validation';
import { NotFoundError } from '../../../shared/errors';
import { approvePublication } from '../../../shared/services/approve-publication';
import { archivePublication } from '../../../shared/services/archive-publication';
import { createDraft } from '../../../shared/services/create-draft';
import { editPublication } from '../../../shared/services/edit-publication';
import { publishPublication } from '../../../shared/services/publish-publication';
import { getPublication, listPublications, listVersions } from '../../../shared/services/read-publications';
import { submitPublication } from '../../../shared/services/submit-publication';
import type { PublicationHead } from '../../../shared/domain/publication';
import { PUBLIC, roles } from '../access';
import { cacheable } from '../http/cache';
import { optionalIfMatch, publicationEtag, requireIfMatch } from '../http/etag';
import { readJson } from '../http/json-body';
import { contentEtag } from '../http/weak-etag';
import { actor } from '../middleware/auth';
import type { AppEnv } from '../env';
import { presentPublication, presentVersion } from '../presenters/publication';
import type { Router } from '../router';

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

const IdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

/** An id that cannot name a publication is simply not found. */
function publicationId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!IdSchema.safeParse(id).success) throw new NotFoundError('Publication');
  return id;
}

function respondWithHead(c: Context<AppEnv>, head: PublicationHead, status: 200 | 201 = 200): Response {
  const base = c.var.deps.config.baseUrl;
  c.header('etag', publicationEtag(head.id, head.rev));
  c.header('cache-control', 'private, no-store');
  if (status === 201) c.header('location', `${base}/v1/publications/${head.id}`);
  return c.json(presentPublication({ head, version: head.current, owner: true }, base), status);
}

type Step = (deps: AppEnv['Variables']['deps'], who: ReturnType<typeof actor>, id: string, expectedRev?: number) => Promise<PublicationHead>;

export function publicationRoutes(router: Router): void {
  const publisher = roles('publisher');

  router.on('GET', '/v1/publications', PUBLIC, async (c) => {
    const query = parseOrThrow(ListQuerySchema, c.req.query());
    const page = await listPublications(c.var.deps, c.var.viewer, query);
    const base = c.var.deps.config.baseUrl;
    const body = { items: page.items.map((v) => presentVersion(v, base)), cursor: page.cursor };
    return cacheable(c, body, contentEtag(body), page.items[0]?.publishedAt);
  });

  router.on('POST', '/v1/publications', publisher, async (c) => {
    const head = await createDraft(c.var.deps, actor(c), await readJson(c));
    return respondWithHead(c, head, 201);
  });

  router.on('GET', '/v1/publications/:id', PUBLIC, async (c) => {
    const view = await getPublication(c.var.deps, c.var.viewer, publicationId(c));
    return cacheable(c, presentPublication(view, c.var.deps.config.baseUrl), publicationEtag(view.head.id, view.head.rev), view.head.updatedAt);
  });

  router.on('PATCH', '/v1/publications/:id', publisher, async (c) => {
    const id = publicationId(c);
    const expectedRev = requireIfMatch(c, id);
    const head = await editPublication(c.var.deps, actor(c), id, await readJson(c), expectedRev);
    return respondWithHead(c, head);
  });

  router.on('GET', '/v1/publications/:id/versions', PUBLIC, async (c) => {
    const id = publicationId(c);
    const versions = await listVersions(c.var.deps, c.var.viewer, id);
    const base = c.var.deps.config.baseUrl;
    const body = { items: versions.map((v) => presentVersion(v, base)) };
    return cacheable(c, body, contentEtag(body), versions.at(-1)?.publishedAt);
  });

  const steps: [string, Step][] = [
    ['submit', submitPublication],
    ['approve', approvePublication],
    ['archive', archivePublication],
  ];
  for (const [name, step] of steps) {
    router.on('POST', `/v1/publications/:id/${name}`, publisher, async (c) => {
      const id = publicationId(c);
      await readJson(c, { optional: true }).then((body) => {
        if (body !== undefined && Object.keys(body as object).length > 0) parseOrThrow(z.object({}).strict(), body);
      });
      return respondWithHead(c, await step(c.var.deps, actor(c), id, optionalIfMatch(c, id)));
    });
  }

  router.on('POST', '/v1/publications/:id/publish', publisher, async (c) => {
    const id = publicationId(c);
    const body = await readJson(c, { optional: true });
    return respondWithHead(c, await publishPublication(c.var.deps, actor(c), id, body, optionalIfMatch(c, id)));
  });
}
