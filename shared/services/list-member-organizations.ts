import type { Organization } from '../domain/organization';
import type { ServiceDeps } from './deps';

/** The member organizations on the platform: those a TLP:AMBER item may name as recipients. */
export async function listMemberOrganizations(deps: Pick<ServiceDeps, 'directory'>): Promise<Organization[]> {
  return (await deps.directory.listOrganizations()).filter((o) => o.type === 'member');
}
