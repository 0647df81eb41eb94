import { pointerOnRelease } from '../domain/advisory-pointer';
import { countryName } from '../domain/country';
import { unarchiveStep } from '../domain/lifecycle';
import type { PublicationHead } from '../domain/publication';
import { ConflictError } from '../errors';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { loadOwnedPublication } from './load-owned-publication';

/**
 * Restores an archived publication to listings and feeds as it was (no new
 * version, no new alert). Kinds that need a second publisher take two
 * calls, as archiving does. A travel advisory comes back only while its
 * country has no other current advisory.
 */
export async function unarchivePublication(deps: ServiceDeps, actor: ActingPerson, id: string, expectedRev?: number): Promise<PublicationHead> {
  const head = await loadOwnedPublication(deps, actor, id, expectedRev);
  const now = deps.clock.now();
  const outcome = unarchiveStep(head, actor, now);
  const target = { type: 'publication' as const, id };
  if (!outcome.restored) {
    await deps.publications.save({ head: outcome.head, expectedRev: head.rev, audit: [auditEntry(deps, now, actor, 'publication.restore-requested', target)] });
    return outcome.head;
  }
  const version = head.current!;
  const pointer = pointerOnRelease(version);
  if (pointer?.type === 'set') {
    const current = await deps.publications.currentAdvisory(pointer.pointer.country);
    if (current && current.publicationId !== id) {
      throw new ConflictError('advisory-exists', `Cannot unarchive: ${countryName(pointer.pointer.country) ?? pointer.pointer.country} has another current travel advisory; amend that one instead.`, {
        advisory: current.publicationId,
      });
    }
  }
  await deps.publications.save({
    head: outcome.head,
    expectedRev: head.rev,
    restored: version,
    advisory: pointer,
    audit: [auditEntry(deps, now, actor, 'publication.unarchived', target, outcome.requestedBy ? { requestedBy: outcome.requestedBy } : undefined)],
  });
  return outcome.head;
}
