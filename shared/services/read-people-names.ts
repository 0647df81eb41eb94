import type { ServiceDeps } from './deps';

/**
 * Display names of people by id, for the workflow fields of a publication
 * (editors, submitter, approver). Unknown ids are absent, for the page to
 * word (e.g. "another publisher").
 */
export async function readPeopleNames(deps: Pick<ServiceDeps, 'directory'>, ids: Iterable<string>): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const person = await deps.directory.getPerson(id);
      if (person) names[id] = person.name;
    }),
  );
  return names;
}
