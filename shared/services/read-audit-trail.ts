import type { AuditEntry } from '../domain/audit';
import type { Page } from '../ports/page';
import type { ServiceDeps } from './deps';

/** A page of the audit trail, newest first. Callers check the role (admins only). */
export function readAuditTrail(deps: Pick<ServiceDeps, 'auditLog'>, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
  return deps.auditLog.list(limit, cursor);
}
