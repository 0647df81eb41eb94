import type { PublicationHead } from '../domain/publication';
import type { Page } from '../ports/page';
import type { ActingPerson, ServiceDeps } from './deps';

/** The acting person's organization's publications in every state, newest change first. */
export async function readWorkbench(deps: Pick<ServiceDeps, 'publications'>, actor: ActingPerson, limit: number, cursor?: string): Promise<Page<PublicationHead>> {
  return deps.publications.listWorkbench(actor.orgId, limit, cursor);
}
