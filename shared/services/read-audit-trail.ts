import type { AuditEntry } from '../domain/audit';
import type { Page } from '../ports/page';
import type { ActingPerson, ServiceDeps } from './deps';

/**
 * One page of the audit trail, newest first: who did what, when, with which
 * key. An admin reads their own organization's trail, as they manage only
 * its keys: entries of its people, and system actions on its objects. The
 * platform-wide trail (other organizations, anonymous subscriptions) is for
 * operators, in the table itself. The route lets admins only.
 */
export async function readAuditTrail(deps: Pick<ServiceDeps, 'auditLog'>, admin: ActingPerson, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
  return deps.auditLog.listForOrganization(admin.orgId, limit, cursor);
}
