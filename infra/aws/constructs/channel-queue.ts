import { Duration, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueSpec } from '../../../shared/topology';
import { DeadLetterQueue } from './dead-letter-queue';
import { QueueSubscription } from './queue-subscription';
import { drainQueue } from './queue-trigger';

export interface ChannelQueueProps {
  /** The channel's name in the topology, e.g. `email`. */
  readonly channel: string;
  readonly spec: QueueSpec;
  readonly topic: sns.ITopic;
  readonly key: kms.IKey;
  readonly consumer: lambda.IFunction;
  /** How many invocations drain the queue at once (the trigger's maximum concurrency, from the capacity model). */
  readonly maxConcurrency: number;
  readonly alarmAction: cloudwatch.IAlarmAction;
}

/**
 * One delivery channel, as the topology declares it: the SQS queue with its
 * dead-letter queue, the topic subscription with its filter policy and its
 * own dead-letter queue, the Lambda consumer reporting partial batch
 * failures, and an alarm on each dead-letter queue.
 */
export class ChannelQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetters: DeadLetterQueue;
  readonly subscriptionDeadLetters: DeadLetterQueue;
  readonly subscription: sns.Subscription;

  constructor(scope: Construct, id: string, props: ChannelQueueProps) {
    super(scope, id);
    const { spec, channel } = props;
    const consumerTimeout = spec.consumer.handler.timeoutSeconds;
    if (spec.visibilityTimeoutSeconds < 6 * consumerTimeout) {
      throw new Error(`Queue ${channel}: visibility timeout ${spec.visibilityTimeoutSeconds}s is under six times its consumer's timeout (${consumerTimeout}s).`);
    }

    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      key: props.key,
      retentionSeconds: spec.deadLetter.retentionPeriodSeconds,
      alarmAction: props.alarmAction,
      alarmDescription: `Messages for the ${channel} channel failed ${spec.deadLetter.maxReceiveCount} times; see docs/operations.md#replaying-dead-letters.`,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(spec.retentionPeriodSeconds),
      deadLetterQueue: { queue: this.deadLetters.queue, maxReceiveCount: spec.deadLetter.maxReceiveCount },
    });

    // Messages SNS cannot hand to the queue at all (a key or policy mistake)
    // land here rather than vanish.
    this.subscriptionDeadLetters = new DeadLetterQueue(this, 'SubscriptionDeadLetters', {
      key: props.key,
      retentionSeconds: spec.deadLetter.retentionPeriodSeconds,
      alarmAction: props.alarmAction,
      alarmDescription: `SNS could not deliver publications to the ${channel} queue; see docs/operations.md#replaying-dead-letters.`,
    });
    Validations.of(this.subscriptionDeadLetters.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the SNS subscription dead-letter queue (its redrive target); a dead-letter queue has none of its own.' });

    this.subscription = props.topic.addSubscription(
      new QueueSubscription(this.queue, {
        rawMessageDelivery: spec.subscription.rawMessageDelivery,
        deadLetterQueue: this.subscriptionDeadLetters.queue,
      }),
    ) as sns.Subscription;
    // The topology's policy is SNS's own JSON; set it verbatim so AWS and the
    // local bus apply the very same document.
    const cfnSubscription = this.subscription.node.defaultChild as sns.CfnSubscription;
    cfnSubscription.filterPolicyScope = spec.subscription.filterPolicyScope;
    cfnSubscription.filterPolicy = spec.subscription.filterPolicy;

    drainQueue(props.consumer, this.queue, props.key, { ...spec.consumer, maxConcurrency: props.maxConcurrency });
  }
}
