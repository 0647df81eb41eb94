import { Aws, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { topicQueue, type TopicQueue } from './topic-queue';

export interface InboundSmsProps {
  readonly key: kms.IKey;
  readonly alarmAction: cloudwatch.IAlarmAction;
  /** An existing topic the number's two-way channel already publishes to (context `smsInboundTopicArn`); otherwise the stack creates one. */
  readonly topicArn?: string;
}

/** Six times the inbound-sms timeout, as for the channel queues. */
const INBOUND_VISIBILITY_SECONDS = 180;
/**
 * Replies trickle in after a safety check (one per traveler at most, a few
 * table reads and writes each): a batch of 10 fits the 30 s timeout many
 * times over, and two drainers keep up with a check of 5,000 travelers.
 */
export const INBOUND_SMS_CONSUMER = { batchSize: 10, maxConcurrency: 2 } as const;

/**
 * Two-way SMS: the SNS topic AWS End User Messaging SMS publishes each
 * message an origination number receives to (created here, encrypted with
 * the messaging key and open to End User Messaging of this account only,
 * or given), and the queue the inbound-sms function drains. Pointing the
 * number's two-way channel at the topic is one command after the deploy
 * (the `InboundSmsTwoWayCommand` output; docs/operations.md).
 */
export class InboundSms extends Construct {
  readonly topic: sns.ITopic;
  readonly inbound: TopicQueue;

  constructor(scope: Construct, id: string, props: InboundSmsProps) {
    super(scope, id);
    if (props.topicArn) {
      this.topic = sns.Topic.fromTopicArn(this, 'Topic', props.topicArn);
    } else {
      const topic = new sns.Topic(this, 'Topic', { masterKey: props.key, enforceSSL: true, signatureVersion: '2', displayName: 'Outpost two-way SMS (replies)' });
      const account = Stack.of(this).account;
      // The conditions AWS documents for two-way topics: End User Messaging of this account and region, no other (no confused deputy).
      topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'EndUserMessagingTwoWay',
          principals: [new iam.ServicePrincipal('sms-voice.amazonaws.com')],
          actions: ['sns:Publish'],
          resources: [topic.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:sms-voice:${Aws.REGION}:${account}:*` } },
        }),
      );
      this.topic = topic;
    }
    this.inbound = topicQueue(this, 'Inbound', {
      topic: this.topic,
      key: props.key,
      alarmAction: props.alarmAction,
      visibilitySeconds: INBOUND_VISIBILITY_SECONDS,
      deadLetterAlarm: 'SMS replies could not be recorded; those travelers\' answers are missing from their safety checks. See docs/operations.md#replaying-dead-letters.',
      subscriptionDeadLetterAlarm: 'SNS could not deliver SMS replies to their queue. See docs/operations.md#replaying-dead-letters.',
    });
  }

  /** Drains the inbound queue with `consumer`, reporting partial batch failures. */
  consumeWith(consumer: lambda.IFunction, consumerTimeoutSeconds: number): void {
    this.inbound.consume(consumer, consumerTimeoutSeconds, { ...INBOUND_SMS_CONSUMER, reportBatchItemFailures: true });
  }
}
