import type { Organization } from '../domain/organization';
import type { ServiceDeps } from './deps';

/** Every organization on the platform, for naming AMBER recipients. */
export function listOrganizations(deps: Pick<ServiceDeps, 'directory'>): Promise<Organization[]> {
  return deps.directory.listOrganizations();
}
