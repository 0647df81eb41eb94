import type { Announcement } from '../domain/announcement';
import type { Version } from '../domain/publication';
import type { Channel } from '../domain/channel';
import type { Subscription } from '../domain/subscription';
import type { Clock, Ids } from '../ports/clock';
import type { DeliveryRecord, DeliveryStore } from '../ports/delivery-store';
import type { CorrelationScope } from '../ports/correlation';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';
import type { Requeue } from '../ports/requeue';
import type { SubscriptionStore } from '../ports/subscription-store';
import { matchScopes, matchSubscribers, type MatchPosition } from './match-subscribers';
import { runPool } from './run-pool';

/** What every delivery worker needs. */
export interface DeliveryDeps {
  subscriptions: Pick<SubscriptionStore, 'matchPage' | 'setStatus'>;
  deliveries: DeliveryStore;
  requeue: Requeue;
  clock: Clock;
  ids: Ids;
  /** Public base URL for links in messages. */
  baseUrl: string;
  logger: Logger;
  /** Deliveries by channel and outcome, chunk durations, publish-to-delivery latency. */
  metrics?: Metrics;
  /** The scope each message's work runs in, so its log lines carry the announcement's correlation id. */
  correlation?: CorrelationScope;
}

/** How one channel's worker runs; checked once when the handler is built. */
export interface DeliveryConfig {
  channel: Channel;
  /** Subscriptions handled per invocation; the rest continue in a re-queued message. */
  chunkSize: number;
  /** Sends in flight at once. */
  concurrency: number;
  /** A `sending` claim older than this many seconds was abandoned by a stopped worker (use the function timeout). */
  leaseSeconds: number;
  /** The queue's maxReceiveCount: the receive after which SQS dead-letters the message. */
  maxReceiveCount: number;
  /**
   * What to do with an abandoned claim, whose send may or may not have happened.
   * false (email, SMS): record it failed and do not resend; a duplicate alert is worse than the rare loss, which is recorded.
   * true (webhook): resend with the same `Outpost-Delivery` id, which receivers deduplicate on.
   */
  reclaimAbandoned: boolean;
}

/** What a channel's sender made of one claimed delivery. */
export type SendResult = { state: 'sent'; providerMessageId?: string } | { state: 'failed'; reason: string } | { state: 'retry'; reason: string };

/** Sends one delivery; throws only for the unexpected (treated as retryable). */
export type ChannelSend = (subscription: Subscription, version: Version, record: DeliveryRecord) => Promise<SendResult>;

/** One unit of work: the announcement, where in its fan-out to start, and the SQS facts about this receive. */
export interface DeliveryWork {
  announcement: Announcement;
  position: MatchPosition;
  messageId: string;
  receiveCount: number;
}

/** What a chunk came to. `retry`: some deliveries must be tried again, so the message must come back. */
export interface ChunkReport {
  matched: number;
  sent: number;
  failed: number;
  skipped: number;
  retrying: number;
  deadLettered: number;
  continued: boolean;
  retry: boolean;
}

/** The body of a continuation message: the rest of a fan-out, sent to the channel's own queue. */
export interface ContinuationBody {
  type: 'outpost.delivery-continuation';
  announcement: Announcement;
  position: MatchPosition;
}

/**
 * Delivers one chunk of an announced version on one channel, idempotently:
 * load the version; match at most `chunkSize` subscriptions from the work's
 * position (re-queuing the rest as a continuation); for each, claim its
 * delivery item with a conditional write BEFORE sending, send, and record
 * the outcome. Items already sent or failed are skipped, so a redelivered
 * message or a retried batch sends nothing twice.
 */
export async function deliverAnnouncement(deps: DeliveryDeps, config: DeliveryConfig, work: DeliveryWork, send: ChannelSend): Promise<ChunkReport> {
  const { announcement: a, messageId } = work;
  const report: ChunkReport = { matched: 0, sent: 0, failed: 0, skipped: 0, retrying: 0, deadLettered: 0, continued: false, retry: false };
  const version = await deps.deliveries.publishedVersion(a.publicationId, a.version);
  if (!version) throw new Error(`Version ${a.version} of publication ${a.publicationId} is not in the table`);
  if (!version.major) return report;

  const scopes = matchScopes({ countries: version.content.countries, regions: version.regions });
  const chunk = await matchSubscribers(deps.subscriptions, config.channel, version, scopes, work.position, config.chunkSize);
  report.matched = chunk.subscriptions.length;

  if (chunk.next) {
    const marker = { publicationId: a.publicationId, version: a.version, channel: config.channel, position: chunk.next };
    // A retried chunk must not start a second copy of the rest of the fan-out.
    if (!(await deps.deliveries.continuationRecorded(marker))) {
      const body: ContinuationBody = { type: 'outpost.delivery-continuation', announcement: a, position: chunk.next };
      await deps.requeue.requeue(config.channel, JSON.stringify(body));
      await deps.deliveries.recordContinuation(marker, deps.clock.now());
    }
    report.continued = true;
  }

  const finalReceive = work.receiveCount >= config.maxReceiveCount;
  await runPool(chunk.subscriptions, config.concurrency, async (subscription) => {
    const key = { publicationId: a.publicationId, version: a.version, subscriptionId: subscription.id };
    const now = deps.clock.now();
    const claimToken = deps.ids.next();
    const claim = await deps.deliveries.claim({
      ...key,
      channel: config.channel,
      deliveryId: deps.ids.next(),
      claimedBy: messageId,
      claimToken,
      now,
      abandonedBefore: new Date(Date.parse(now) - config.leaseSeconds * 1000).toISOString(),
      reclaimAbandoned: config.reclaimAbandoned,
    });
    if (!claim.claimed) {
      const held = claim.record;
      if (held.state !== 'sending') {
        report.skipped += 1;
        return;
      }
      const abandoned = Date.parse(held.claimedAt) < Date.parse(now) - config.leaseSeconds * 1000;
      if (abandoned) {
        await deps.deliveries.settleAbandoned(key, held.claimToken, 'outcome-unknown: the worker stopped after claiming; not resent to avoid a duplicate', now);
        deps.logger.warn('delivery abandoned by a stopped worker; recorded failed, not resent', { channel: config.channel, ...key });
        report.failed += 1;
      } else if (held.claimedBy === messageId) {
        // Our own earlier receive may still be sending: come back after it has finished or been abandoned.
        report.retry = true;
        report.retrying += 1;
      } else {
        report.skipped += 1;
      }
      return;
    }

    let result: SendResult;
    try {
      result = await send(subscription, version, claim.record);
    } catch (error) {
      result = { state: 'retry', reason: `unexpected: ${error instanceof Error ? error.name : 'non-error'}` };
    }
    const at = deps.clock.now();
    if (result.state === 'sent') {
      await deps.deliveries.settle(key, claimToken, { state: 'sent', ...(result.providerMessageId ? { providerMessageId: result.providerMessageId } : {}) }, at);
      report.sent += 1;
    } else if (result.state === 'failed') {
      await deps.deliveries.settle(key, claimToken, { state: 'failed', reason: result.reason }, at);
      deps.logger.warn('delivery failed for good', { channel: config.channel, ...key, reason: result.reason });
      report.failed += 1;
    } else if (finalReceive) {
      await deps.deliveries.settle(key, claimToken, { state: 'dead-lettered', reason: result.reason }, at);
      deps.logger.error('delivery dead-lettered after its last attempt', { channel: config.channel, ...key, reason: result.reason });
      report.deadLettered += 1;
      report.retry = true;
    } else {
      await deps.deliveries.settle(key, claimToken, { state: 'retrying', reason: result.reason }, at);
      deps.logger.warn('delivery will be retried', { channel: config.channel, ...key, reason: result.reason, receiveCount: work.receiveCount });
      report.retrying += 1;
      report.retry = true;
    }
  });
  return report;
}
