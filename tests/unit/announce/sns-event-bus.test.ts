import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { snsEventBus } from '../../../shared/adapters/sns/sns-event-bus';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:publications';

describe('the SNS event bus', () => {
  it('sends one Publish to the topic ARN with the message attributes as given', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const bus = snsEventBus(new SNSClient({ region: 'us-east-1' }), { publications: TOPIC_ARN });
    const result = await bus.publish('publications', {
      message: '{"publicationId":"x"}',
      attributes: { countries: { DataType: 'String.Array', StringValue: '["MX"]' }, level: { DataType: 'Number', StringValue: '3' } },
    });
    expect(result).toEqual({ messageId: 'sns-1' });
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input)).toEqual([
      {
        TopicArn: TOPIC_ARN,
        Message: '{"publicationId":"x"}',
        MessageAttributes: { countries: { DataType: 'String.Array', StringValue: '["MX"]' }, level: { DataType: 'Number', StringValue: '3' } },
      },
    ]);
    sns.restore();
  });

  it('refuses a topic it has no ARN for', async () => {
    const bus = snsEventBus(new SNSClient({ region: 'us-east-1' }), { publications: TOPIC_ARN });
    await expect(bus.publish('elsewhere', { message: 'x', attributes: {} })).rejects.toThrow(/No topic ARN/);
  });
});
