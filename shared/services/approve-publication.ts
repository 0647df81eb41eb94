import { approve } from '../domain/lifecycle';
import type { PublicationHead } from '../domain/publication';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { loadOwnedPublication } from './load-owned-publication';
import { notifyWorkflow } from './notify-workflow';

/** Records a second publisher's approval of the working copy. */
export async function approvePublication(deps: ServiceDeps, actor: ActingPerson, id: string, expectedRev?: number): Promise<PublicationHead> {
  const head = await loadOwnedPublication(deps, actor, id, expectedRev);
  const now = deps.clock.now();
  const next = approve(head, actor, now);
  await deps.publications.save({ head: next, expectedRev: head.rev, audit: [auditEntry(deps, now, actor, 'publication.approved', { type: 'publication', id })] });
  await notifyWorkflow(deps, next, { type: 'approved', by: actor.personId });
  return next;
}
