import type { Organization } from '../domain/organization';
import type { ServiceDeps } from './deps';

/**
 * The organizations on the platform, or only those of one type: `member`
 * gives the organizations a TLP:AMBER item may name as recipients.
 */
export async function listOrganizations(deps: Pick<ServiceDeps, 'directory'>, type?: Organization['type']): Promise<Organization[]> {
  const all = await deps.directory.listOrganizations();
  return type ? all.filter((o) => o.type === type) : all;
}
