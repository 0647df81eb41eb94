import type { DigestPart, DigestPlacement } from '../domain/digest';
import type { Version } from '../domain/publication';
import type { Subscription } from '../domain/subscription';

/** A digest subscriber as the digest index holds it: the subscription and its place in the zone's digests (where its first one starts). */
export interface DigestEntry extends DigestPlacement {
  subscription: Subscription;
}

/** One page of a digest part, and the index key to continue after (null: the part is read). */
export interface DigestPage {
  items: DigestEntry[];
  last: string | null;
}

/**
 * The digest index: active daily and weekly email subscriptions by
 * frequency, time zone and shard (see shared/adapters/dynamodb/digest-index.ts).
 * Read with Query only.
 */
export interface DigestStore {
  /** Every (frequency, time zone) that has had digest subscribers. */
  zones(): Promise<{ frequency: DigestPart['frequency']; timeZone: string }[]>;
  /**
   * Starts (or finds) the run of one zone for the cut-off `slot`: its
   * window starts at the zone's last cut-off (`firstFrom` for a zone's
   * first run) and the zone's last cut-off becomes `slot`, conditionally,
   * so the window of a run repeated for the same slot is the same and no
   * two runs overlap. Undefined when the zone already ran for a later slot.
   */
  startRun(zone: { frequency: DigestPart['frequency']; timeZone: string }, slot: string, firstFrom: string): Promise<{ from: string } | undefined>;
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
