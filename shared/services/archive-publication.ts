import { pointerOnEnd } from '../domain/advisory-pointer';
import { archive } from '../domain/lifecycle';
import type { PublicationHead } from '../domain/publication';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { loadOwnedPublication } from './load-owned-publication';

/** Withdraws a publication from listings and feeds; its versions stay readable. */
export async function archivePublication(deps: ServiceDeps, actor: ActingPerson, id: string, expectedRev?: number): Promise<PublicationHead> {
  const head = await loadOwnedPublication(deps, actor, id, expectedRev);
  const now = deps.clock.now();
  const next = archive(head, now);
  await deps.publications.save({
    head: next,
    expectedRev: head.rev,
    ...(head.state === 'published' && head.current ? { ended: head.current, advisory: pointerOnEnd(head.current) } : {}),
    audit: [auditEntry(deps, now, actor, 'publication.archived', { type: 'publication', id })],
  });
  return next;
}
