import { CHANNELS, type Channel } from '../domain/channel';
import type { SqsHandler } from '../ports/sqs-event';
import { topology } from '../topology';
import { deliverAnnouncement, type ChannelSend, type DeliveryConfig, type DeliveryDeps } from './deliver-announcement';
import { processDeliveryBatch } from './deliver-batch';

/**
 * A channel's worker settings: its registry entry's chunk size, concurrency
 * and abandoned-claim rule, with the lease (its function's timeout) and the
 * dead-letter limit of its queue in the topology.
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
 * The SQS handler of one channel's delivery worker: each record is an
 * announced version (or the continuation of its fan-out); matches, sends
 * through `send` and records each delivery; answers with the records that
 * must come back. `overrides` are for tests (a small chunk size to exercise
 * continuations); the channel itself cannot be overridden.
 *
 * @example
 * export const createDeliverEmailHandler = (deps, overrides) => createChannelWorker('email', deps, deliverEmail(deps), overrides);
 */
export function createChannelWorker(channel: Channel, deps: DeliveryDeps, send: ChannelSend, overrides: Partial<DeliveryConfig> = {}): SqsHandler {
  const settings: DeliveryConfig = { ...channelDeliveryConfig(channel), ...overrides, channel };
  const observers = { ...(deps.correlation ? { correlation: deps.correlation } : {}), ...(deps.metrics ? { metrics: deps.metrics } : {}), now: () => Date.parse(deps.clock.now()) };
  return (event) => processDeliveryBatch(event, deps.logger, channel, (work) => deliverAnnouncement(deps, settings, work, send), observers);
}
