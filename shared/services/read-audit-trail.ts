import type { AuditEntry } from '../domain/audit';
import type { Page } from '../ports/page';
import type { ServiceDeps } from './deps';

/** One page of the audit trail, newest first: who did what, when, with which key (admins only; the route checks the role). */
export async function readAuditTrail(deps: Pick<ServiceDeps, 'auditLog'>, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
  return deps.auditLog.list(limit, cursor);
}
