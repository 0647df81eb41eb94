import { assessmentOf, interruptsQuietHours } from '../domain/assessment';
import { isQuietAt, quietHoursEnd, timingOf } from '../domain/delivery-timing';
import { deliveryIdOf } from '../domain/fan-out';
import type { Channel } from '../domain/channel';
import type { HeldMessageStore } from '../ports/held-message-store';
import { emptyReport, type ChannelSend, type DeliveryDeps, type SendResult, type WorkReport } from './delivery-work';
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
 * by `at`: each is claimed (a conditional delete that also fails when a
 * newer version replaced it) before it is sent, so it goes out once, as
 * the newest version held. A subscription that has ended or moved to
 * another channel since is skipped.
 */
export async function releaseHeld(deps: QuietHoursDeps, channel: Channel, send: ChannelSend, shard: number, at: string, deadline: number): Promise<WorkReport> {
  const report = emptyReport();
  report.parts = 1;
  for (const message of await deps.held.due(channel, shard, at, RELEASE_BATCH)) {
    if (!(await deps.held.claim(message))) continue;
    const subscription = await deps.subscriptions.get(message.subscriptionId);
    const version = await deps.deliveries.publishedVersion(message.publicationId, message.version);
    if (!subscription || subscription.status !== 'active' || subscription.channel !== channel || !version) {
      report.failed += 1;
      continue;
    }
    const deliveryId = deliveryIdOf(message.publicationId, message.version, subscription.id);
    const result = (await send([{ subscription, deliveryId }], version, deadline)).get(subscription.id);
    if (result?.state === 'sent') report.sent += 1;
    else report.failed += 1;
  }
  return report;
}
