import type { Channel } from '../domain/channel';

/**
 * Sends a message to a delivery channel's own queue: how a large fan-out
 * continues in a new invocation. SQS SendMessage in AWS; the local bus's
 * queue locally.
 */
export interface Requeue {
  requeue(channel: Channel, body: string): Promise<void>;
}
