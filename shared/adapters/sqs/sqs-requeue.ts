import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Channel } from '../../domain/channel';
import type { Requeue } from '../../ports/requeue';
import { retryThrottled } from '../retry/throttle-retry';

/** Re-queues fan-out continuations with SQS SendMessage to the channel's own queue. */
export function sqsRequeue(client: SQSClient, queueUrls: Partial<Record<Channel, string>>): Requeue {
  return {
    async requeue(channel, body) {
      const QueueUrl = queueUrls[channel];
      if (!QueueUrl) throw new Error(`No queue URL configured for the ${channel} channel`);
      await retryThrottled(() => client.send(new SendMessageCommand({ QueueUrl, MessageBody: body })));
    },
  };
}
