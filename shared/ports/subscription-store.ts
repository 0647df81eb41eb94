import type { AuditEntry } from '../domain/audit';
import type { Channel, Subscription, SubscriptionStatus } from '../domain/subscription';
import type { Page } from './page';

/**
 * Subscriptions and their index items (per country, per region, global).
 * Matching reads the index with Query only.
 */
export interface SubscriptionStore {
  create(subscription: Subscription, audit: AuditEntry[]): Promise<void>;
  get(id: string): Promise<Subscription | undefined>;
  setStatus(id: string, status: SubscriptionStatus, at: string, audit: AuditEntry[], reason?: string): Promise<Subscription | undefined>;
  /** Removes a subscription and its personal data for good. */
  delete(id: string, audit: AuditEntry[]): Promise<void>;
  listByOrganization(orgId: string, limit: number, cursor?: string): Promise<Page<Subscription>>;
  /** Every subscription (any status) for one email address or phone number, for export and erasure. */
  listByAddress(address: string): Promise<Subscription[]>;
  /**
   * Active subscriptions of one channel filed under any of `scopes`
   * (`global`, `c:<cc>`, `r:<region>`), one page at a time, deduplicated by
   * the caller.
   */
  matchPage(channel: Channel, scope: string, limit: number, cursor?: string): Promise<Page<Subscription>>;
}
