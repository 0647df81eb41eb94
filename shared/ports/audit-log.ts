import type { AuditEntry } from '../domain/audit';
import type { Page } from './page';

/**
 * The audit trail. Entries about a change are written in the same
 * transaction as the change (through its store); `record` is for actions
 * that change nothing, such as reading personal data.
 */
export interface AuditLog {
  /** Every entry, newest first: the platform's whole trail, for operators (no route serves it). */
  list(limit: number, cursor?: string): Promise<Page<AuditEntry>>;
  /** The entries that concern one organization (`AuditEntry.orgId`), newest first. */
  listForOrganization(orgId: string, limit: number, cursor?: string): Promise<Page<AuditEntry>>;
  record(entry: AuditEntry): Promise<void>;
}
