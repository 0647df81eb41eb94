import type { AuditEntry } from '../domain/audit';
import type { Page } from './page';

/**
 * The audit trail. Entries about a change are written in the same
 * transaction as the change (through its store); `record` is for actions
 * that change nothing, such as reading personal data.
 */
export interface AuditLog {
  list(limit: number, cursor?: string): Promise<Page<AuditEntry>>;
  record(entry: AuditEntry): Promise<void>;
}
