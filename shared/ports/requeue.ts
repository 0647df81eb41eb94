import type { Channel } from '../domain/channel';

/**
 * Sends messages to a delivery channel's own queue: how a fan-out's parts
 * and the rest of a part reach other workers and later invocations. SQS
 * SendMessageBatch (ten a call) in AWS; the local bus's queue locally.
 */
export interface Requeue {
  requeue(channel: Channel, bodies: readonly string[]): Promise<void>;
}
