import { CHANNELS, type Channel } from '../domain/channel';
import type { Version } from '../domain/publication';
import type { SqsHandler } from '../ports/sqs-event';
import { topology } from '../topology';
import { processDeliveryBatch } from './deliver-batch';
import { deliverPart } from './deliver-part';
import { emptyReport, type ChannelSend, type DeliveryConfig, type DeliveryDeps, type DeliveryWork, type WorkReport } from './delivery-work';
import { planFanOut } from './plan-fan-out';
import type { SettingsCache } from './match-travelers';
import { isTravelerPart } from '../domain/fan-out';

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
 * The SQS handler of one channel's delivery worker. A record is either an
 * announced version, which it plans (one part message per index scope and
 * shard), or a part, which it delivers chunk by chunk; it answers with the
 * records that must come back. `overrides` are for tests (small chunks and
 * batches); the channel itself cannot be overridden.
 *
 * `sendToTravelers` sends to travelers (email and SMS): with it, the plan
 * adds the traveler parts of kinds that reach travelers, and their chunks
 * are sent with it.
 *
 * @example
 * export const createDeliverEmailHandler = (deps, overrides) => createChannelWorker('email', deps, deliverEmail(deps), overrides, deliverTravelerEmail(deps));
 */
export function createChannelWorker(channel: Channel, deps: DeliveryDeps, send: ChannelSend, overrides: Partial<DeliveryConfig> = {}, sendToTravelers?: ChannelSend): SqsHandler {
  const settings: DeliveryConfig = { ...channelDeliveryConfig(channel), ...overrides, channel };
  const run = async (work: DeliveryWork, versions: Map<string, Promise<Version | undefined>>, organizations: SettingsCache): Promise<WorkReport> => {
    const { task } = work;
    if (task.type === 'plan') return { ...emptyReport(), parts: await planFanOut(deps, channel, task.announcement, { travelers: sendToTravelers !== undefined }) };
    const key = `${task.announcement.publicationId}#${task.announcement.version}`;
    if (!versions.has(key)) versions.set(key, deps.deliveries.publishedVersion(task.announcement.publicationId, task.announcement.version));
    const version = await versions.get(key)!;
    if (!version) throw new Error(`Version ${task.announcement.version} of publication ${task.announcement.publicationId} is not in the table`);
    if (!version.major) return emptyReport();
    const sender = isTravelerPart(task.part) ? sendToTravelers : send;
    if (!sender) throw new Error(`The ${channel} worker has no traveler sender for part ${task.part.scope}`);
    return deliverPart(deps, settings, sender, version, { ...task, receiveCount: work.receiveCount, deadline: work.deadline, settings: organizations });
  };
  return (event, context) => {
    // Versions are immutable: one read serves every part of a batch; organizations' settings are read once a batch too.
    const versions = new Map<string, Promise<Version | undefined>>();
    const organizations: SettingsCache = new Map();
    return processDeliveryBatch(event, deps.logger, channel, (work) => run(work, versions, organizations), context, settings.leaseSeconds * 1000);
  };
}
