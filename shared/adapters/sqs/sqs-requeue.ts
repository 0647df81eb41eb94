import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Channel } from '../../domain/channel';
import type { Requeue } from '../../ports/requeue';
import { retryThrottled } from '../retry/throttle-retry';

/** SendMessageBatch takes at most ten entries. */
const BATCH = 10;

/**
 * Queues fan-out part messages with SQS SendMessageBatch on the channel's
 * own queue, ten a call, sending again the entries SQS reports as failed
 * (a duplicate part message is harmless: its chunks are made once).
 */
export function sqsRequeue(client: SQSClient, queueUrls: Partial<Record<Channel, string>>): Requeue {
  return {
    async requeue(channel, bodies) {
      const QueueUrl = queueUrls[channel];
      if (!QueueUrl) throw new Error(`No queue URL configured for the ${channel} channel`);
      for (let i = 0; i < bodies.length; i += BATCH) {
        let entries = bodies.slice(i, i + BATCH).map((MessageBody, n) => ({ Id: String(n), MessageBody }));
        for (let attempt = 1; entries.length > 0; attempt += 1) {
          const res = await retryThrottled(() => client.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries })));
          const failed = new Set((res.Failed ?? []).map((f) => f.Id));
          entries = entries.filter((e) => failed.has(e.Id));
          if (entries.length > 0 && attempt >= 5) throw new Error(`SQS refused ${entries.length} fan-out messages five times`);
        }
      }
    },
  };
}
