import type { ActingPerson, ServiceDeps } from './deps';

/** The publishers of the acting person's organization, by name, for the console's author filter. */
export async function listPublishers(deps: Pick<ServiceDeps, 'directory'>, actor: ActingPerson): Promise<{ id: string; name: string }[]> {
  const people = await deps.directory.listPeople(actor.orgId);
  return people
    .filter((p) => p.role === 'publisher')
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
