import type { DigestPart } from '../domain/digest';
import type { Version } from '../domain/publication';
import type { Subscription } from '../domain/subscription';

/** A digest subscriber as the digest index holds it: the subscription and where its next digest starts. */
export interface DigestEntry {
  subscription: Subscription;
  lastDigestAt: string;
}

/** One page of a digest part, and the index key to continue after (null: the part is read). */
export interface DigestPage {
  items: DigestEntry[];
  last: string | null;
}

/** Where a digest chunk moves a subscriber's window: from the value it read to the run's cut-off. */
export interface DigestMark {
  subscriptionId: string;
  frequency: DigestPart['frequency'];
  timeZone: string;
  from: string;
  to: string;
}

/**
 * The digest index: active daily and weekly email subscriptions by
 * frequency, time zone and shard (see shared/adapters/dynamodb/digest-index.ts).
 * Read with Query only.
 */
export interface DigestStore {
  /** Every (frequency, time zone) that has had digest subscribers. */
  zones(): Promise<{ frequency: DigestPart['frequency']; timeZone: string }[]>;
  /** Up to `limit` subscribers of one part after `after`, in index order, strongly consistent. */
  page(part: DigestPart, limit: number, after?: string): Promise<DigestPage>;
  /** The subscribers of one part with an index key after `after` and up to `through` (null: to the end). */
  range(part: DigestPart, after: string | undefined, through: string | null): Promise<DigestEntry[]>;
  /**
   * The current version of every listed publication published at or after
   * `from` and before `to`, of every audience (the caller decides who may
   * see each): a digest lists only the newest version of an item.
   */
  listedBetween(from: string, to: string): Promise<Version[]>;
}
