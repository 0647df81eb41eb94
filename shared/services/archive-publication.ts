import { pointerOnEnd } from '../domain/advisory-pointer';
import { archiveStep } from '../domain/lifecycle';
import type { PublicationHead } from '../domain/publication';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { loadOwnedPublication } from './load-owned-publication';

/**
 * Withdraws a publication from listings and feeds; its versions stay
 * readable. For a published item of a kind that needs approval, the first
 * publisher's call records a request (status `archive-requested`, nothing
 * withdrawn) and a second publisher's call archives it; both are audited.
 */
export async function archivePublication(deps: ServiceDeps, actor: ActingPerson, id: string, expectedRev?: number): Promise<PublicationHead> {
  const head = await loadOwnedPublication(deps, actor, id, expectedRev);
  const now = deps.clock.now();
  const outcome = archiveStep(head, actor, now);
  const target = { type: 'publication' as const, id };
  if (!outcome.archived) {
    await deps.publications.save({ head: outcome.head, expectedRev: head.rev, audit: [auditEntry(deps, now, actor, 'publication.archive-requested', target)] });
    return outcome.head;
  }
  await deps.publications.save({
    head: outcome.head,
    expectedRev: head.rev,
    ...(head.state === 'published' && head.current ? { ended: head.current, advisory: pointerOnEnd(head.current) } : {}),
    audit: [auditEntry(deps, now, actor, 'publication.archived', target, outcome.requestedBy ? { requestedBy: outcome.requestedBy } : undefined)],
  });
  return outcome.head;
}
