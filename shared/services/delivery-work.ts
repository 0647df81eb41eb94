import * as z from 'zod';
import { AnnouncementSchema, type Announcement } from '../domain/announcement';
import type { Channel, ChannelDeliverySettings, SendRateProvider } from '../domain/channel';
import { FanOutPartSchema, type FanOutPart } from '../domain/fan-out';
import type { Version } from '../domain/publication';
import type { DigestPart, DigestRun } from '../domain/digest';
import type { Subscription } from '../domain/subscription';
import type { Clock, Ids } from '../ports/clock';
import type { DeliveryStore } from '../ports/delivery-store';
import type { CorrelationScope } from '../ports/correlation';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';
import type { RateLimiter } from '../ports/rate-limiter';
import type { Requeue } from '../ports/requeue';
import type { SubscriptionStore } from '../ports/subscription-store';
import type { OrganizationSettingsStore, TravelerStore } from '../ports/traveler-store';

/** What every delivery worker needs. */
export interface DeliveryDeps {
  subscriptions: Pick<SubscriptionStore, 'matchPage' | 'matchRange' | 'occupiedParts' | 'setStatus' | 'get' | 'listByAddress' | 'subscribedAddresses'>;
  /** The trip match index and travelers, for the traveler parts of email and SMS fan-outs. */
  travelers: Pick<TravelerStore, 'occupiedTripParts' | 'visitPage' | 'visitRange' | 'visitsOf' | 'getTravelers'>;
  /** Which organizations want traveler alerts of which kinds and levels. */
  organizationSettings: Pick<OrganizationSettingsStore, 'getSettingsOf'>;
  deliveries: DeliveryStore;
  requeue: Requeue;
  /** Counters behind the send rates every worker shares. */
  rateLimits: RateLimiter;
  /** Messages (or transactions) per second each provider allows the account. */
  sendRates: Readonly<Record<SendRateProvider, number>>;
  clock: Clock;
  ids: Ids;
  /** Public base URL for links in messages. */
  baseUrl: string;
  logger: Logger;
  /** Deliveries by channel and outcome, work durations, publish-to-delivery latency. */
  metrics?: Metrics;
  /** The scope each message's work runs in, so its log lines carry the announcement's correlation id. */
  correlation?: CorrelationScope;
  /** Waits between rate windows (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

/** How one channel's worker runs: its registry settings with its queue's lease and dead-letter limit; checked once when the handler is built. */
export interface DeliveryConfig extends ChannelDeliverySettings {
  channel: Channel;
  /** A lease on a chunk lasts this long: the function timeout, after which a stopped worker's chunk may be taken over. */
  leaseSeconds: number;
  /** The queue's maxReceiveCount: the receive after which SQS dead-letters the message. */
  maxReceiveCount: number;
}

/** What a channel's sender made of one recipient; `held`: kept for the end of the subscriber's quiet hours. */
export type SendResult = { state: 'sent' } | { state: 'held' } | { state: 'failed'; reason: string } | { state: 'retry'; reason: string };

/** One recipient of a send batch: the subscription and its stable delivery id. */
export interface Recipient {
  subscription: Subscription;
  deliveryId: string;
}

/**
 * Sends one batch of a version to its recipients; a result per
 * subscription id. Starts nothing that could outlast `deadline` (epoch
 * milliseconds). Throws only for the unexpected (every recipient is then
 * retried).
 */
export type ChannelSend = (recipients: readonly Recipient[], version: Version, deadline: number) => Promise<Map<string, SendResult>>;

/** A part message: the rest of one part of a fan-out from the chunk starting after `start` ('^': the part's first). */
export const PartMessageSchema = z
  .object({
    type: z.literal('outpost.fan-out-part'),
    announcement: AnnouncementSchema,
    part: FanOutPartSchema,
    start: z.string().min(1).max(64),
  })
  .strict();
export type PartMessage = z.infer<typeof PartMessageSchema>;

/** What one SQS record asks of a worker: plan an announced version, deliver a part of it, deliver a part of a digest run, or release held messages. */
export type DeliveryTask =
  | { type: 'plan'; announcement: Announcement }
  | { type: 'part'; announcement: Announcement; part: FanOutPart; start: string }
  | { type: 'digest-part'; part: DigestPart; run: DigestRun; start: string }
  | { type: 'release'; shard: number; at: string };

/** One receive of a task, with the SQS facts about it and the invocation's deadline. */
export interface DeliveryWork {
  task: DeliveryTask;
  messageId: string;
  receiveCount: number;
  /** Epoch milliseconds after which no new chunk is started (the rest is queued for a new invocation). */
  deadline: number;
}

/** What a receive came to. `retry`: the message must come back (a chunk waits for a retry, or another worker holds it). */
export interface WorkReport {
  parts: number;
  chunks: number;
  matched: number;
  sent: number;
  failed: number;
  retrying: number;
  deadLettered: number;
  /** Held for the recipients' quiet hours. */
  held: number;
  continued: boolean;
  retry: boolean;
}

export function emptyReport(): WorkReport {
  return { parts: 0, chunks: 0, matched: 0, sent: 0, failed: 0, retrying: 0, deadLettered: 0, held: 0, continued: false, retry: false };
}

/** The body of a part message. */
export function partMessage(announcement: Announcement, part: FanOutPart, start: string): string {
  const body: PartMessage = { type: 'outpost.fan-out-part', announcement, part, start };
  return JSON.stringify(body);
}
