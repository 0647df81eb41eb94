import { assertPublisherOf } from '../domain/lifecycle';
import type { PublicationHead } from '../domain/publication';
import { NotFoundError, PreconditionFailedError } from '../errors';
import type { ActingPerson, ServiceDeps } from './deps';

/**
 * Loads a publication for a workflow step by one of its organization's
 * publishers. Another organization's item is a 404, never a 403, so ids
 * reveal nothing. `expectedRev` (from If-Match) must match when given.
 */
export async function loadOwnedPublication(deps: ServiceDeps, actor: ActingPerson, id: string, expectedRev?: number): Promise<PublicationHead> {
  const head = await deps.publications.get(id);
  if (!head || head.orgId !== actor.orgId) throw new NotFoundError('Publication');
  assertPublisherOf(head, actor);
  if (expectedRev !== undefined && expectedRev !== head.rev) throw new PreconditionFailedError();
  return head;
}
