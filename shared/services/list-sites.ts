import type { Site } from '../domain/site';
import type { ActingPerson, ServiceDeps } from './deps';

/** The acting person's organization's sites. */
export async function listSites(deps: Pick<ServiceDeps, 'sites'>, actor: ActingPerson): Promise<Site[]> {
  return deps.sites.list(actor.orgId);
}
