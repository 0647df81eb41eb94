import { assessmentOf, interruptsQuietHours } from '../domain/assessment';
import { isQuietAt, quietHoursEnd, timingOf } from '../domain/delivery-timing';
import { deliveryIdOf } from '../domain/fan-out';
import type { Channel } from '../domain/channel';
import type { HeldMessageStore } from '../ports/held-message-store';
import { emptyReport, type ChannelSend, type DeliveryConfig, type DeliveryDeps, type SendResult, type WorkReport } from './delivery-work';
import { runPool } from './run-pool';

/** What holding and releasing need besides the delivery ports. */
export type QuietHoursDeps = DeliveryDeps & { held: HeldMessageStore };

/**
 * An alert sender that respects quiet hours: a recipient in their quiet
 * hours gets a held message (released when they end: `releaseHeld`) unless
 * the version is Extreme or Immediate; everyone else is sent to at once.
 * The chunk records a held recipient as settled, so the fan-out's claims
 * keep it from being held (or sent) twice.
 */
export function holdingQuietHours(deps: QuietHoursDeps, channel: Channel, send: ChannelSend): ChannelSend {
  return async (recipients, version, deadline) => {
    const now = deps.clock.now();
    const urgent = interruptsQuietHours(assessmentOf(version.content, version.publishedAt));
    const quiet = urgent ? [] : recipients.filter(({ subscription }) => isQuietAt(timingOf(subscription), now));
    const results = new Map<string, SendResult>();
    await runPool(quiet, 10, async ({ subscription }) => {
      const releaseAt = quietHoursEnd(timingOf(subscription), now);
      await deps.held.hold({ subscriptionId: subscription.id, channel, publicationId: version.id, version: version.version, releaseAt });
      results.set(subscription.id, { state: 'held' });
    });
    const direct = recipients.filter(({ subscription }) => !results.has(subscription.id));
    if (direct.length > 0) for (const [id, result] of await send(direct, version, deadline)) results.set(id, result);
    return results;
  };
}

/** Held messages one release run takes from a shard. */
const RELEASE_BATCH = 100;

/**
 * Sends the held messages of one channel shard whose quiet hours have ended
 * by `at`, as the newest version held, once. Each is taken like a fan-out
 * chunk: claimed under a lease (a conditional write that also fails when
 * a newer version replaced it), marked in flight just before the send, and
 * removed after it. A worker that stops between claim and send leaves the
 * lease to run out; the message is then due again and a later release
 * sends it. One that stops with the send in flight leaves an unknown
 * outcome, handled by the channel's rule for abandoned sends
 * (`reclaimAbandoned`): email and SMS record it failed rather than risk a
 * duplicate, as their fan-outs do. A send that failed for now (throttling,
 * or the sender threw) is given back, due at once. A subscription that has
 * ended or moved to another channel since is dropped.
 */
export async function releaseHeld(deps: QuietHoursDeps, config: Pick<DeliveryConfig, 'channel' | 'leaseSeconds' | 'reclaimAbandoned'>, send: ChannelSend, shard: number, at: string, deadline: number): Promise<WorkReport> {
  const { channel } = config;
  const report = emptyReport();
  report.parts = 1;
  for (const message of await deps.held.due(channel, shard, at, RELEASE_BATCH)) {
    if (Date.now() >= deadline) {
      // Out of time: the message comes back and carries on.
      report.retry = true;
      break;
    }
    const now = deps.clock.now();
    const token = deps.ids.next();
    const claim = await deps.held.claim(message, { token, leaseUntil: new Date(Date.parse(now) + config.leaseSeconds * 1000).toISOString() }, now);
    if (!claim) continue;
    const context = { channel, subscriptionId: message.subscriptionId, publicationId: message.publicationId, version: message.version };
    if (claim.inFlight && !config.reclaimAbandoned) {
      deps.logger.warn('held-message.outcome-unknown', context);
      await deps.held.settle(message, token);
      report.failed += 1;
      continue;
    }
    const subscription = await deps.subscriptions.get(message.subscriptionId);
    const version = await deps.deliveries.publishedVersion(message.publicationId, message.version);
    if (!subscription || subscription.status !== 'active' || subscription.channel !== channel || !version) {
      await deps.held.settle(message, token);
      report.failed += 1;
      continue;
    }
    if (!(await deps.held.markSending(message, token))) continue;
    const deliveryId = deliveryIdOf(message.publicationId, message.version, subscription.id);
    let result: SendResult | undefined;
    try {
      result = (await send([{ subscription, deliveryId }], version, deadline)).get(subscription.id);
    } catch (error) {
      // Unexpected, and like a fan-out batch that threw: tried again (the next release run takes it).
      deps.logger.warn('held-message.send-threw', { ...context, error: error instanceof Error ? error.name : 'unknown' });
      result = { state: 'retry', reason: 'send-threw' };
    }
    if (result?.state === 'retry') {
      await deps.held.giveBack(message, token);
      report.retrying += 1;
      continue;
    }
    await deps.held.settle(message, token);
    if (result?.state === 'sent') report.sent += 1;
    else report.failed += 1;
  }
  return report;
}
