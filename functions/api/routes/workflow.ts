import type { Context } from 'hono';
import * as z from 'zod';
import { parseOrThrow } from '../../../shared/domain/validation';
import { approvePublication } from '../../../shared/services/approve-publication';
import { archivePublication } from '../../../shared/services/archive-publication';
import { createDraft } from '../../../shared/services/create-draft';
import { editPublication } from '../../../shared/services/edit-publication';
import { publishPublication } from '../../../shared/services/publish-publication';
import { submitPublication } from '../../../shared/services/submit-publication';
import { ReturnRequestSchema, returnPublication } from '../../../shared/services/return-publication';
import { unarchivePublication } from '../../../shared/services/unarchive-publication';
import type { PublicationHead } from '../../../shared/domain/publication';
import { roles } from '../../http/access';
import { optionalIfMatch, publicationEtag, requireIfMatch } from '../../http/etag';
import { readJson } from '../../http/json-body';
import { actor } from '../../http/middleware/auth';
import type { AppEnv } from '../../http/env';
import { presentPublication } from '../presenters/publication';
import type { Router } from '../../http/router';
import { PublicationContentSchema } from '../../../shared/domain/publication-content';
import { EditPublicationSchema } from '../../../shared/services/edit-publication';
import { PublishRequestSchema } from '../../../shared/services/publish-publication';
import { headResponse, IdParams, publicationId } from './publication-id';

function respondWithHead(c: Context<AppEnv>, head: PublicationHead, status: 200 | 201 = 200): Response {
  const base = c.var.deps.config.baseUrl;
  c.header('etag', publicationEtag(head.id, head.rev));
  c.header('cache-control', 'private, no-store');
  if (status === 201) c.header('location', `${base}/v1/publications/${head.id}`);
  return c.json(presentPublication({ head, version: head.current, owner: true }, base), status);
}

const IfMatchHeader = z.object({ 'If-Match': z.string().describe('The ETag last read, e.g. "01J….3"') });
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

function stepRoutes(router: Router, steps: readonly (readonly [string, Step])[]): void {
  const publisher = roles('publisher');
  for (const [name, step] of steps) {
    router.on('POST', `/v1/publications/:id/${name}`, publisher, async (c) => {
      const id = publicationId(c);
      await readJson(c, { optional: true }).then((body) => {
        if (body !== undefined && Object.keys(body as object).length > 0) parseOrThrow(z.object({}).strict(), body);
      });
      return respondWithHead(c, await step(c.var.deps, actor(c), id, optionalIfMatch(c, id)));
    }, { summary: STEP_DOCS[name] ?? name, ...(STEP_DESCRIPTIONS[name] ? { description: STEP_DESCRIPTIONS[name] } : {}), tags: ['Workflow'], request: { params: IdParams }, responses: headResponse(200, 'The publication'), errors: [409, 412] });
  }
}

/**
 * The review steps, which email the people they wait on (approvers on
 * submit, the writers on return and approval): served where email is
 * wired (the Web function in AWS).
 */
export function reviewRoutes(router: Router): void {
  const publisher = roles('publisher');
  stepRoutes(router, [
    ['submit', submitPublication],
    ['approve', approvePublication],
  ]);

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

/** The publishing workflow that sends nothing: drafts, edits and amendments, archive and unarchive, publish (its alerts go out through the stream). */
export function workflowRoutes(router: Router): void {
  const publisher = roles('publisher');

  router.on('POST', '/v1/publications', publisher, async (c) => {
    const head = await createDraft(c.var.deps, actor(c), await readJson(c));
    return respondWithHead(c, head, 201);
  }, { summary: 'Create a draft', tags: ['Workflow'], request: { body: PublicationContentSchema }, responses: headResponse(201, 'The draft') });

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

  stepRoutes(router, [
    ['archive', archivePublication],
    ['unarchive', unarchivePublication],
  ]);

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
}
