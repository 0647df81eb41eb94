import { CHANNELS, type Channel } from '../domain/channel';
import type { Version } from '../domain/publication';
import type { SqsHandler } from '../ports/sqs-event';
import { topology } from '../topology';
import { processDeliveryBatch } from './deliver-batch';
import type { DigestStore } from '../ports/digest-store';
import type { HeldMessageStore } from '../ports/held-message-store';
import { deliverDigestPart, type DigestSend } from './deliver-digest-part';
import { deliverPart } from './deliver-part';
import { emptyReport, type ChannelSend, type DeliveryConfig, type DeliveryDeps, type DeliveryWork, type WorkReport } from './delivery-work';
import { planFanOut } from './plan-fan-out';
import { holdingQuietHours, releaseHeld } from './quiet-hours';
import type { SettingsCache } from './match-travelers';
import { isTravelerPart } from '../domain/fan-out';

/** A worker's ports: the delivery ones, the held messages of quiet hours, and the digest index. */
export type ChannelWorkerDeps = DeliveryDeps & { held: HeldMessageStore; digests: DigestStore };

/**
 * A channel's worker settings: its registry entry's chunk and batch sizes,
 * concurrency, rate and abandoned-batch rule, with the lease (its
 * function's timeout) and the dead-letter limit of its queue in the topology.
 */
export function channelDeliveryConfig(channel: Channel): DeliveryConfig {
  const queue = topology.queues[channel];
  return {
    channel,
    ...CHANNELS[channel].delivery,
    leaseSeconds: queue.consumer.handler.timeoutSeconds,
    maxReceiveCount: queue.deadLetter.maxReceiveCount,
  };
}

/**
 * The SQS handler of one channel's delivery worker. A record is an
 * announced version, which it plans (one part message per index scope and
 * shard); a part, which it delivers chunk by chunk, holding the messages of
 * subscribers in quiet hours where the channel has them; a digest part
 * (email: `sendDigest`), delivered the same way; or a release of held
 * messages. It answers with the records that must come back. `overrides`
 * are for tests (small chunks and batches); the channel itself cannot be
 * overridden.
 *
 * `sendToTravelers` sends to travelers (email and SMS): with it, the plan
 * adds the traveler parts of kinds that reach travelers, and their chunks
 * are sent with it.
 *
 * @example
 * export const createDeliverEmailHandler = (deps, overrides) => createChannelWorker('email', deps, deliverEmail(deps), overrides, deliverTravelerEmail(deps));
 */
export function createChannelWorker(channel: Channel, deps: ChannelWorkerDeps, send: ChannelSend, overrides: Partial<DeliveryConfig> = {}, sendToTravelers?: ChannelSend, sendDigest?: DigestSend): SqsHandler {
  const settings: DeliveryConfig = { ...channelDeliveryConfig(channel), ...overrides, channel };
  // Quiet hours are a subscriber's setting: travelers' duty-of-care alerts are never held.
  const alertSend = CHANNELS[channel].timing.quietHours ? holdingQuietHours(deps, channel, send) : send;
  const run = async (work: DeliveryWork, versions: Map<string, Promise<Version | undefined>>, organizations: SettingsCache): Promise<WorkReport> => {
    const { task } = work;
    if (task.type === 'plan') return { ...emptyReport(), parts: await planFanOut(deps, channel, task.announcement, { travelers: sendToTravelers !== undefined }) };
    if (task.type === 'release') return releaseHeld(deps, settings, send, task.shard, task.at, work.deadline);
    if (task.type === 'digest-part') {
      if (!sendDigest) throw new Error(`The ${channel} worker sends no digests`);
      return deliverDigestPart(deps, settings, sendDigest, { ...task, receiveCount: work.receiveCount, deadline: work.deadline });
    }
    const key = `${task.announcement.publicationId}#${task.announcement.version}`;
    if (!versions.has(key)) versions.set(key, deps.deliveries.publishedVersion(task.announcement.publicationId, task.announcement.version));
    const version = await versions.get(key)!;
    if (!version) throw new Error(`Version ${task.announcement.version} of publication ${task.announcement.publicationId} is not in the table`);
    if (!version.major) return emptyReport();
    const sender = isTravelerPart(task.part) ? sendToTravelers : alertSend;
    if (!sender) throw new Error(`The ${channel} worker has no traveler sender for part ${task.part.scope}`);
    return deliverPart(deps, settings, sender, version, { ...task, receiveCount: work.receiveCount, deadline: work.deadline, settings: organizations });
  };
  const observers = { ...(deps.correlation ? { correlation: deps.correlation } : {}), ...(deps.metrics ? { metrics: deps.metrics } : {}) };
  return (event, context) => {
    // Versions are immutable: one read serves every part of a batch; organizations' settings are read once a batch too.
    const versions = new Map<string, Promise<Version | undefined>>();
    const organizations: SettingsCache = new Map();
    return processDeliveryBatch(event, deps.logger, channel, (work) => run(work, versions, organizations), context, settings.leaseSeconds * 1000, observers);
  };
}
