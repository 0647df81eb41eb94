import type { AuditEntry } from '../domain/audit';
import type { Page } from './page';

/** Reading the audit trail; entries are written with the changes they record. */
export interface AuditLog {
  list(limit: number, cursor?: string): Promise<Page<AuditEntry>>;
}
