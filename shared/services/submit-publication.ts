import { submit } from '../domain/lifecycle';
import type { PublicationHead } from '../domain/publication';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { loadOwnedPublication } from './load-owned-publication';
import { notifyWorkflow } from './notify-workflow';

/** Marks the working copy ready for a second publisher's review. */
export async function submitPublication(deps: ServiceDeps, actor: ActingPerson, id: string, expectedRev?: number): Promise<PublicationHead> {
  const head = await loadOwnedPublication(deps, actor, id, expectedRev);
  const now = deps.clock.now();
  const next = submit(head, actor, now);
  await deps.publications.save({ head: next, expectedRev: head.rev, audit: [auditEntry(deps, now, actor, 'publication.submitted', { type: 'publication', id })] });
  await notifyWorkflow(deps, next, { type: 'submitted', by: actor.personId });
  return next;
}
