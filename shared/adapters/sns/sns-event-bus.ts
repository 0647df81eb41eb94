import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { BusEvent, EventBus } from '../../ports/event-bus';

/**
 * The EventBus on SNS: one `Publish` per event to the topic's ARN, with the
 * event's attributes as SNS message attributes (`String.Array` values are
 * already JSON array text, as SNS wants them).
 *
 * @example
 * snsEventBus(new SNSClient({}), { publications: process.env.PUBLICATIONS_TOPIC_ARN })
 */
export function snsEventBus(client: SNSClient, topicArns: Readonly<Record<string, string>>): EventBus {
  return {
    async publish(topic: string, event: BusEvent) {
      const topicArn = topicArns[topic];
      if (!topicArn) throw new Error(`No topic ARN configured for topic ${topic}`);
      const res = await client.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: event.message,
          MessageAttributes: Object.fromEntries(
            Object.entries(event.attributes).map(([name, attribute]) => [name, { DataType: attribute.DataType, StringValue: attribute.StringValue }]),
          ),
        }),
      );
      if (!res.MessageId) throw new Error(`SNS accepted no message for topic ${topic}`);
      return { messageId: res.MessageId };
    },
  };
}
