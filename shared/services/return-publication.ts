import * as z from 'zod';
import { returnToAuthor } from '../domain/lifecycle';
import type { PublicationHead } from '../domain/publication';
import { prose } from '../domain/text';
import { parseOrThrow } from '../domain/validation';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { loadOwnedPublication } from './load-owned-publication';
import { notifyWorkflow } from './notify-workflow';

/** The body of POST …/return: what the author should change. */
export const ReturnRequestSchema = z.object({ comment: prose(2_000).describe('What the author should change; emailed to them and kept on the working copy') }).strict();

/**
 * A reviewer sends the working copy back to its author as a draft, with a
 * comment; the author is emailed. The comment is free text, so it stays on
 * the working copy and out of the audit trail (which holds no personal data).
 */
export async function returnPublication(deps: ServiceDeps, actor: ActingPerson, id: string, request: unknown, expectedRev?: number): Promise<PublicationHead> {
  // Another organization's id is a 404 whatever the body says.
  const head = await loadOwnedPublication(deps, actor, id, expectedRev);
  const { comment } = parseOrThrow(ReturnRequestSchema, request ?? {});
  const now = deps.clock.now();
  const next = returnToAuthor(head, actor, now, comment);
  await deps.publications.save({ head: next, expectedRev: head.rev, audit: [auditEntry(deps, now, actor, 'publication.returned', { type: 'publication', id })] });
  await notifyWorkflow(deps, next, { type: 'returned', by: actor.personId, comment });
  return next;
}
