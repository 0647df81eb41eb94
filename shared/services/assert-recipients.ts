import { ValidationError } from '../errors';
import type { ServiceDeps } from './deps';

/** AMBER recipients must be organizations that exist. */
export async function assertRecipientsExist(deps: Pick<ServiceDeps, 'directory'>, recipients: readonly string[] | undefined): Promise<void> {
  if (!recipients?.length) return;
  const found = await Promise.all(recipients.map((id) => deps.directory.getOrganization(id)));
  const issues = recipients.flatMap((id, i) => (found[i] ? [] : [{ path: `recipients.${i}`, message: `names no known organization (${id})` }]));
  if (issues.length) throw new ValidationError(issues);
}
