import { CfnOutput, Fn } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { QueueName } from '../../../shared/topology';
import type { ChannelQueue } from '../constructs/channel-queue';
import type { DeadLetterQueue } from '../constructs/dead-letter-queue';
import type { Edge } from '../constructs/edge';
import type { InboundSms } from '../constructs/inbound-sms';
import type { Operations } from '../constructs/operations';
import { capitalize } from './messaging';

export interface OutputResources {
  readonly edge: Edge;
  readonly table: dynamodb.Table;
  readonly ops: Operations;
  readonly linkSecret: secretsmanager.ISecret;
  readonly channels: Record<QueueName, ChannelQueue>;
  readonly streamFailures: DeadLetterQueue;
  readonly inboundSms: InboundSms;
  /** The origination number whose two-way channel is the inbound topic (context `smsOriginationNumberId`). */
  readonly smsOriginationNumberId?: string;
}

/** What operators look up after a deploy (docs/operations.md): URLs, the table, the alarm topic, the secret, every queue, the two-way SMS topic and the command that points the number at it. */
export function addOutputs(scope: Construct, resources: OutputResources): void {
  const { edge, table, ops, linkSecret, channels, streamFailures, inboundSms } = resources;
  new CfnOutput(scope, 'PublicUrl', { value: edge.baseUrl, description: 'The public URL (CloudFront).' });
  new CfnOutput(scope, 'TableName', { value: table.tableName });
  new CfnOutput(scope, 'AlarmTopicArn', { value: ops.alarmTopic.topicArn });
  new CfnOutput(scope, 'LinkSigningSecretArn', { value: linkSecret.secretArn });
  for (const [name, c] of Object.entries(channels)) {
    new CfnOutput(scope, `${capitalize(name)}QueueUrl`, { value: c.queue.queueUrl });
    new CfnOutput(scope, `${capitalize(name)}DeadLetterQueueUrl`, { value: c.deadLetters.queue.queueUrl });
  }
  new CfnOutput(scope, 'StreamFailuresQueueUrl', { value: streamFailures.queue.queueUrl });
  new CfnOutput(scope, 'InboundSmsTopicArn', { value: inboundSms.topic.topicArn, description: 'The two-way SMS destination: End User Messaging publishes SMS replies here.' });
  // CloudFormation cannot change a phone number it did not create, so pointing the number at the topic is this one command (docs/operations.md).
  const number = resources.smsOriginationNumberId ?? '<phone-number-id>';
  new CfnOutput(scope, 'InboundSmsTwoWayCommand', {
    value: Fn.join('', [`aws pinpoint-sms-voice-v2 update-phone-number --phone-number-id ${number} --two-way-enabled --two-way-channel-arn `, inboundSms.topic.topicArn]),
    description: 'Run once after the first deploy: sends the origination number\'s SMS replies to the inbound topic.',
  });
}
