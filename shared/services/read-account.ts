import type { Organization } from '../domain/organization';
import type { Person } from '../domain/person';
import type { ActingPerson, ServiceDeps } from './deps';

/** Who is acting: their person record and organization (either absent if it was deleted since sign-in). */
export async function readAccount(deps: Pick<ServiceDeps, 'directory'>, actor: ActingPerson): Promise<{ person: Person | undefined; organization: Organization | undefined }> {
  const [person, organization] = await Promise.all([deps.directory.getPerson(actor.personId), deps.directory.getOrganization(actor.orgId)]);
  return { person, organization };
}
