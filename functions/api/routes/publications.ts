import type { Context } from 'hono';
import * as z from 'zod';
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
import { ReturnRequestSchema, returnPublication } from '../../../shared/services/return-publication';
import { unarchivePublication } from '../../../shared/services/unarchive-publication';
import type { PublicationHead } from '../../../shared/domain/publication';
import { PUBLIC, roles } from '../../http/access';
import { cacheable } from '../../http/cache';
import { optionalIfMatch, publicationEtag, requireIfMatch } from '../../http/etag';
import { readJson } from '../../http/json-body';
import { contentEtag } from '../../http/weak-etag';
import { actor } from '../../http/middleware/auth';
import type { AppEnv } from '../../http/env';
import { presentPublication, presentVersion } from '../presenters/publication';
import type { RouteDocs, Router } from '../../http/router';
import { PublicationContentSchema } from '../../../shared/domain/publication-content';
import { EditPublicationSchema } from '../../../shared/services/edit-publication';
import { PublishRequestSchema } from '../../../shared/services/publish-publication';
import { PublicationSchema, VersionListSchema, VersionPageSchema } from '../openapi/schemas';

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

const IdParams = z.object({ id: IdSchema });
const IfMatchHeader = z.object({ 'If-Match': z.string().describe('The ETag last read, e.g. "01J….3"') });
const headResponse = (status: 200 | 201, description: string): RouteDocs['responses'] => ({
  [status]: { description, content: { 'application/json': { schema: PublicationSchema } }, headers: { ETag: { description: 'The revision, for If-Match' } } },
});
const STEP_DOCS: Record<string, string> = {
  submit: 'Submit the working copy for review',
  approve: 'Approve a submitted working copy (a different publisher of the same organization)',
  archive: 'Archive: withdraw from listings and feeds, keep the history',
  unarchive: 'Unarchive: restore an archived item to listings and feeds as it was',
};
const STEP_DESCRIPTIONS: Record<string, string> = {
  unarchive:
    'Undoes an archive: the last published version is back in listings and feeds, with no new version and no new alert. As for archiving, a kind that needs approval needs two publishers: the first call records a request (`restoreRequest`), a call by a different publisher restores it. A superseded advisory, an expired item, or an advisory whose country has another current one cannot be restored (409).',
  archive:
    'A published item of a kind that needs approval (travel advisories and reports) needs two publishers to be withdrawn: the first call records a request (status `archive-requested`, nothing withdrawn yet), a call by a different publisher of the organization archives it. Everything else is archived by the first call.',
};

type Step = (deps: AppEnv['Variables']['deps'], who: ReturnType<typeof actor>, id: string, expectedRev?: number) => Promise<PublicationHead>;

export function publicationRoutes(router: Router): void {
  const publisher = roles('publisher');

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

  router.on('POST', '/v1/publications', publisher, async (c) => {
    const head = await createDraft(c.var.deps, actor(c), await readJson(c));
    return respondWithHead(c, head, 201);
  }, { summary: 'Create a draft', tags: ['Workflow'], request: { body: PublicationContentSchema }, responses: headResponse(201, 'The draft') });

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

  router.on('PATCH', '/v1/publications/:id', publisher, async (c) => {
    const id = publicationId(c);
    const expectedRev = requireIfMatch(c, id);
    const head = await editPublication(c.var.deps, actor(c), id, await readJson(c), expectedRev);
    return respondWithHead(c, head);
  }, {
    summary: 'Edit the working copy (or amend a published item with changeNote and major)',
    tags: ['Workflow'],
    request: { params: IdParams, headers: IfMatchHeader, body: EditPublicationSchema },
    responses: headResponse(200, 'The publication'),
    errors: [409, 412, 428],
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

  const steps: [string, Step][] = [
    ['submit', submitPublication],
    ['approve', approvePublication],
    ['archive', archivePublication],
    ['unarchive', unarchivePublication],
  ];
  for (const [name, step] of steps) {
    router.on('POST', `/v1/publications/:id/${name}`, publisher, async (c) => {
      const id = publicationId(c);
      await readJson(c, { optional: true }).then((body) => {
        if (body !== undefined && Object.keys(body as object).length > 0) parseOrThrow(z.object({}).strict(), body);
      });
      return respondWithHead(c, await step(c.var.deps, actor(c), id, optionalIfMatch(c, id)));
    }, { summary: STEP_DOCS[name] ?? name, ...(STEP_DESCRIPTIONS[name] ? { description: STEP_DESCRIPTIONS[name] } : {}), tags: ['Workflow'], request: { params: IdParams }, responses: headResponse(200, 'The publication'), errors: [409, 412] });
  }

  router.on('POST', '/v1/publications/:id/publish', publisher, async (c) => {
    const id = publicationId(c);
    const body = await readJson(c, { optional: true });
    return respondWithHead(c, await publishPublication(c.var.deps, actor(c), id, body, optionalIfMatch(c, id)));
  }, {
    summary: 'Publish the approved working copy now, or schedule it with publishAt',
    tags: ['Workflow'],
    request: { params: IdParams, body: PublishRequestSchema },
    responses: headResponse(200, 'The publication'),
    errors: [409, 412],
  });

  router.on('POST', '/v1/publications/:id/return', publisher, async (c) => {
    const id = publicationId(c);
    const body = await readJson(c);
    return respondWithHead(c, await returnPublication(c.var.deps, actor(c), id, body, optionalIfMatch(c, id)));
  }, {
    summary: 'Return the working copy to its author with a comment',
    description: 'A publisher who did not write the changes sends a submitted (or draft) working copy back to draft; its writers are emailed the comment, which stays on the working copy (`workflow.returned`) until it is submitted or approved again.',
    tags: ['Workflow'],
    request: { params: IdParams, body: ReturnRequestSchema },
    responses: headResponse(200, 'The publication'),
    errors: [409, 412],
  });
}
