import type { Channel } from '../domain/channel';
import type { DeliveryHealth, HealthOutcome } from '../domain/delivery-health';
import type { FanOutPart } from '../domain/fan-out';
import type { Version } from '../domain/publication';

/**
 * The records of a planned fan-out (docs/decisions/0016-parallel-fan-out.md):
 * a progress item per version and channel, and a chunk item per (part,
 * start key) holding up to a chunk of matched recipients. A chunk is created
 * once (conditionally), sent by the worker that holds its lease, and settled
 * batch by batch with a write per send batch, not per recipient; its counts
 * reach the progress item in the same transaction that settles them.
 */

/** Identifies one chunk: a part of one version's fan-out on one channel, from `start` (the index key after which it begins; '^' for the first). */
export interface ChunkKey extends FanOutPart {
  publicationId: string;
  version: number;
  channel: Channel;
  start: string;
}

/**
 * A recipient's recorded outcome; recipients absent from `outcomes` and in a
 * finished batch were sent. `held`: the subscriber was in quiet hours, so the
 * message waits in a held-message item and goes out when they end.
 */
export interface RecipientOutcome {
  state: 'failed' | 'retry' | 'dead-lettered' | 'held';
  /** A code or short status, never personal data. */
  reason: string;
}

/**
 * - `sending`: being sent, batch by batch, by the lease holder.
 * - `retry`: every batch was sent once; some recipients wait for the next receive.
 * - `done`: nothing left to do.
 */
export type ChunkState = 'sending' | 'retry' | 'done';

export interface ChunkRecord extends ChunkKey {
  state: ChunkState;
  /** Matched subscription ids in index order: what this chunk sends, fixed when it is created. */
  recipients: string[];
  /** The index key the next chunk of the part starts after; null on the part's last chunk. */
  next: string | null;
  leaseToken: string | null;
  leaseUntil: string | null;
  /** Who the current round sends to (every recipient in the first round, those waiting for a retry after), fixed when the round starts so batch numbers keep their meaning after a takeover. */
  roundTargets: string[];
  /** Send batches of `roundTargets` finished in the current round. */
  batchesDone: number;
  /** The batch being sent; a new holder finding it set does not know whether it went out. */
  inFlight: number | null;
  outcomes: Record<string, RecipientOutcome>;
  /** Rounds started (the first send, then each retry round). */
  rounds: number;
  /** Recipients sent so far, over every round. */
  sentCount: number;
  /** Whether the message for the next chunk was queued. */
  continued: boolean;
  /** What the progress item already counts of this chunk. */
  counted: DeliveryTotals;
}

export interface DeliveryTotals {
  sent: number;
  failed: number;
  deadLettered: number;
  /** Held for the subscriber's quiet hours (released later, or replaced by a newer version). */
  held: number;
}

/** How a round of a chunk ended. */
export interface RoundEnd {
  state: 'retry' | 'done';
  /** The chunk's totals now, and as the progress item counted them before this round. */
  counted: DeliveryTotals;
  before: DeliveryTotals;
  /** This round finished the first pass over the part's last chunk. */
  partDone: boolean;
}

/** What a settled send batch came to. */
export interface BatchOutcome {
  sent: readonly string[];
  outcomes: Readonly<Record<string, RecipientOutcome>>;
}

/** Per version and channel, what happened to its deliveries. */
export interface DeliveryCounts extends DeliveryTotals {
  matched: number;
  /** Matched and not yet sent, failed or dead-lettered. */
  pending: number;
}

/** A fan-out's progress on one channel. */
export interface ChannelProgress extends DeliveryCounts {
  partsPlanned: number;
  partsDone: number;
  /** When the version was published (from its announcement), the plan was made, the first and the last delivery settled. */
  publishedAt?: string;
  plannedAt?: string;
  firstSettledAt?: string;
  lastSettledAt?: string;
}

export interface VersionDeliverySummary {
  version: number;
  channels: Partial<Record<Channel, ChannelProgress>>;
}

export interface DeliveryStore {
  /** The immutable published version an announcement names. */
  publishedVersion(publicationId: string, version: number): Promise<Version | undefined>;
  /** Records the plan of a fan-out (idempotent: a second plan of the same version and channel changes nothing). */
  recordPlan(plan: { publicationId: string; version: number; channel: Channel; partsPlanned: number; publishedAt: string }, at: string): Promise<void>;
  getChunk(key: ChunkKey): Promise<ChunkRecord | undefined>;
  /**
   * Creates a chunk (a conditional write) and counts its recipients as
   * matched, in one transaction; a chunk created already (by an earlier or
   * a parallel receive) is returned as it stands instead. A chunk created
   * `done` (nobody matched) that ends its part counts the part done.
   */
  createChunk(chunk: ChunkRecord, at: string): Promise<{ created: boolean; chunk: ChunkRecord }>;
  /**
   * Takes the chunk's lease if it is still held by `expectedToken` (null:
   * unheld); undefined if someone else holds it or it is done. With
   * `newRound`, a new round starts with those targets (after a retry);
   * without, the holder carries on the round a stopped worker left.
   */
  leaseChunk(key: ChunkKey, expectedToken: string | null, token: string, leaseUntil: string, newRound?: { targets: string[] }): Promise<ChunkRecord | undefined>;
  /** Notes that batch `index` is about to be sent (lease holder only); false if the lease was lost. */
  markInFlight(key: ChunkKey, token: string, index: number): Promise<boolean>;
  /** Records a sent batch's outcomes and moves on to the next batch (lease holder only); false if the lease was lost. */
  recordBatch(key: ChunkKey, token: string, index: number, outcome: BatchOutcome): Promise<boolean>;
  /**
   * Ends a round: the chunk becomes `state`, its lease is released, and the
   * progress item adds the difference between what the chunk counts now and
   * what it counted before (and the part, when this round finished it). One
   * transaction, conditional on the lease; false if the lease was lost.
   */
  finishRound(key: ChunkKey, token: string, round: RoundEnd, at: string): Promise<boolean>;
  /** Gives up the lease mid-round (the invocation's time ran out), so the next receive carries on at once instead of waiting for the lease to run out. */
  releaseChunk(key: ChunkKey, token: string): Promise<void>;
  /** Notes that the next chunk's message was queued, so later receives do not queue it again. */
  markContinued(key: ChunkKey): Promise<void>;
  /** Progress of every channel of versions 1..`latestVersion`. */
  summary(publicationId: string, latestVersion: number): Promise<VersionDeliverySummary[]>;
  /** Records one settled delivery to a subscription whose organization sees its health. */
  recordHealth(subscriptionId: string, outcome: HealthOutcome, reason: string | undefined, at: string): Promise<void>;
  /** Delivery health of each subscription that has had a delivery settled; the others are absent from the map. */
  healthOf(subscriptionIds: readonly string[]): Promise<Map<string, DeliveryHealth>>;
}
