import type { AuditEntry } from '../domain/audit';
import type { Channel } from '../domain/channel';
import type { DeliveryTiming } from '../domain/delivery-timing';
import type { FanOutPart } from '../domain/fan-out';
import type { Subscription, SubscriptionFilters, SubscriptionStatus } from '../domain/subscription';
import type { Page } from './page';

/** One page of a match-index part: its subscriptions and the index key to continue after (null: the part is read). */
export interface MatchPage {
  items: Subscription[];
  last: string | null;
}

/**
 * Subscriptions and their index items (per country, per region, global).
 * Matching reads the index with Query only. Only active subscriptions are
 * in the index: every status change adds or removes the index items in the
 * same transaction as the change and its audit entries.
 */
export interface SubscriptionStore {
  /** Writes a new subscription (conditional: the id must be new), its address item, its unsubscribe-code item and, if active, its index items. */
  create(subscription: Subscription, audit: AuditEntry[]): Promise<void>;
  /** Strongly consistent read. */
  get(id: string): Promise<Subscription | undefined>;
  /**
   * Moves a subscription to `status` if it still has the status it had when
   * read (a StoreConflictError otherwise); undefined if it does not exist.
   * Does not judge whether the move is allowed: see `canTransition`.
   */
  setStatus(id: string, status: SubscriptionStatus, at: string, audit: AuditEntry[], reason?: string): Promise<Subscription | undefined>;
  /**
   * Replaces the filters (and, when given, the timing) of `expected` (as the
   * caller read it) and, if it is active, refiles it in the same
   * transaction: deletes the match-index scopes it leaves and puts the ones
   * it now has, or moves its digest index item keeping where its next
   * digest starts (see shared/adapters/dynamodb/digest-index.ts). A StoreConflictError if the
   * subscription changed since `expected` was read (status, filters or any
   * other write); undefined if it no longer exists. The caller bounds the
   * change (see `scopeRewriteSize`).
   */
  updateFilters(expected: Subscription, filters: SubscriptionFilters, at: string, audit: AuditEntry[], timing?: DeliveryTiming): Promise<Subscription | undefined>;
  /** Removes a subscription, its address item and index items for good; audit entries stay. No-op if already gone. */
  delete(id: string, audit: AuditEntry[]): Promise<void>;
  /** The subscription an SMS unsubscribe code names (see `Subscription.unsubscribeCode`), strongly consistent. */
  getByUnsubscribeCode(code: string): Promise<Subscription | undefined>;
  /** An organization's subscriptions, newest first. */
  listByOrganization(orgId: string, limit: number, cursor?: string): Promise<Page<Subscription>>;
  /** Every subscription (any status) for one normalized email address or E.164 phone number, for export and erasure. */
  listByAddress(address: string): Promise<Subscription[]>;
  /**
   * Which of `addresses` have had an active subscription, strongly
   * consistent, in one read per 100: never misses an address that has one
   * now (its mark is written with the activation), may name one whose
   * subscriptions have left since (`listByAddress` then says which).
   */
  subscribedAddresses(addresses: readonly string[]): Promise<Set<string>>;
  /**
   * Active subscriptions of one channel filed under one part of the match
   * index (a scope, `global`, `c:<cc>` or `r:<region>`, and one of its
   * shards), at most `limit`, in index-key order after `after`, strongly
   * consistent. `last` is the key to continue after when there may be more.
   * A subscription filed under several scopes appears in each: see
   * `isCanonicalScope`. Items carry the whole subscription.
   */
  matchPage(channel: Channel, part: FanOutPart, limit: number, after?: string): Promise<MatchPage>;
  /**
   * The parts among `scopes` whose shard may hold an active subscription of
   * the channel (a superset: a shard once used stays listed), in scope then
   * shard order, strongly consistent; one read per hundred scopes.
   */
  occupiedParts(channel: Channel, scopes: readonly string[]): Promise<FanOutPart[]>;
  /** Every subscription of one part with an index key after `after` and up to `through` (null: to the end), strongly consistent. */
  matchRange(channel: Channel, part: FanOutPart, after: string | undefined, through: string | null): Promise<Subscription[]>;
}
