import type { Organization } from '../domain/organization';
import type { ActingPerson, ServiceDeps } from './deps';

/** What `GET /v1/me` answers: the calling person, their organization and the key they used. */
export interface CallerView {
  person: { id: string; name: string; role: string } | null;
  organization: Organization | null;
  keyId: string | null;
}

/** Reads the calling person and their organization (both by GetItem). */
export async function readCaller(deps: Pick<ServiceDeps, 'directory'>, actor: ActingPerson): Promise<CallerView> {
  const [person, organization] = await Promise.all([deps.directory.getPerson(actor.personId), deps.directory.getOrganization(actor.orgId)]);
  return { person: person ? { id: person.id, name: person.name, role: person.role } : null, organization: organization ?? null, keyId: actor.keyId ?? null };
}
