import type { DeliveryHealth } from '../domain/delivery-health';
import type { Version } from '../domain/publication';
import type { Channel } from '../domain/channel';

/**
 * Delivery items: one per (publication, version, subscription), written with
 * a conditional claim BEFORE anything is sent, so that a redelivered SQS
 * message or a retried batch never sends twice.
 *
 * States:
 * - `sending`: claimed by one worker; the outcome is not yet recorded.
 * - `sent`: the provider accepted it (final).
 * - `failed`: refused for good (opted out, invalid address, 4xx webhook,
 *   or an outcome lost to a crash on a channel that must not resend) (final).
 * - `retrying`: a transient failure; the message comes back from SQS and the
 *   item may be claimed again.
 * - `dead-lettered`: the last SQS receive failed too; the message goes to the
 *   dead-letter queue and a redrive may claim the item again.
 */
export type DeliveryState = 'sending' | 'sent' | 'failed' | 'retrying' | 'dead-lettered';

/** Identifies one delivery item. */
export interface DeliveryKey {
  publicationId: string;
  version: number;
  subscriptionId: string;
}

export interface DeliveryRecord extends DeliveryKey {
  /** Stable across retries: the webhook `Outpost-Delivery` header, so receivers can deduplicate. */
  deliveryId: string;
  channel: Channel;
  state: DeliveryState;
  /** Claims so far (each claim is one send attempt round). */
  attempts: number;
  /** The SQS message whose processing holds or last held the claim. */
  claimedBy: string;
  /** Unique per claim: only its holder may settle it. */
  claimToken: string;
  claimedAt: string;
  updatedAt: string;
  /** Why it failed, retried or was dead-lettered: codes and statuses only, never personal data. */
  reason?: string;
  /** The provider's message id, once sent. */
  providerMessageId?: string;
}

export interface ClaimRequest extends DeliveryKey {
  channel: Channel;
  /** Used only when the item is new. */
  deliveryId: string;
  claimedBy: string;
  claimToken: string;
  now: string;
  /**
   * A `sending` claim older than this is abandoned (its worker stopped).
   * With `reclaimAbandoned` it may be claimed again (at-least-once channels);
   * otherwise the claim fails and the caller settles it.
   */
  abandonedBefore: string;
  reclaimAbandoned: boolean;
}

export type ClaimResult = { claimed: true; record: DeliveryRecord } | { claimed: false; record: DeliveryRecord };

/** How a claimed delivery ended. */
export type DeliveryOutcome =
  | { state: 'sent'; providerMessageId?: string }
  | { state: 'failed' | 'retrying' | 'dead-lettered'; reason: string };

/** Per version and channel, what happened to its deliveries. */
export interface DeliveryCounts {
  matched: number;
  sent: number;
  failed: number;
  deadLettered: number;
  /** Claimed or waiting for a retry: not yet final. */
  pending: number;
}

export interface VersionDeliverySummary {
  version: number;
  channels: Partial<Record<Channel, DeliveryCounts>>;
}

/** Names one continuation of a fan-out: where the next chunk starts. */
export interface ContinuationMarker {
  publicationId: string;
  version: number;
  channel: Channel;
  position: { scope: number; cursor: string | null };
}

export interface DeliveryStore {
  /** The immutable published version an announcement names. */
  publishedVersion(publicationId: string, version: number): Promise<Version | undefined>;
  /** Claims a delivery item (conditional write); when it cannot, returns the item as it stands. */
  claim(request: ClaimRequest): Promise<ClaimResult>;
  /**
   * Records the outcome of a claim; false when the claim was no longer held
   * (someone else settled it). Only a settle that returns true counts in the
   * subscription's delivery health, so a redelivered or repeated settle never
   * counts twice.
   */
  settle(key: DeliveryKey, claimToken: string, outcome: DeliveryOutcome, at: string): Promise<boolean>;
  /** Settles an abandoned `sending` claim left by a stopped worker, if it is still that claim; counts in health as `settle` does. */
  settleAbandoned(key: DeliveryKey, claimToken: string, reason: string, at: string): Promise<boolean>;
  /** Whether the continuation of a fan-out from `position` was already re-queued (by an earlier receive). */
  continuationRecorded(marker: ContinuationMarker): Promise<boolean>;
  /** Notes that the continuation was re-queued, so a retried chunk does not start a second copy. */
  recordContinuation(marker: ContinuationMarker, at: string): Promise<void>;
  /** Counts for versions 1..`latestVersion` of a publication, by Query on each version's items. */
  summary(publicationId: string, latestVersion: number): Promise<VersionDeliverySummary[]>;
  /** Delivery health of each subscription that has had a delivery settled; the others are absent from the map. */
  healthOf(subscriptionIds: readonly string[]): Promise<Map<string, DeliveryHealth>>;
}
