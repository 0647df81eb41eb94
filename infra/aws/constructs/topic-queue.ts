import { Duration, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import { QueueSubscription } from './queue-subscription';
import { drainQueue, type QueueTriggerOptions } from './queue-trigger';

const DAY = 24 * 60 * 60;
/** Events from AWS services are replayable for as long as SQS allows. */
const DEAD_LETTER = { maxReceiveCount: 5, retentionSeconds: 14 * DAY };

export interface TopicQueueProps {
  readonly topic: sns.ITopic;
  readonly key: kms.IKey;
  readonly alarmAction: cloudwatch.IAlarmAction;
  /** Six times the consumer's timeout, as for the channel queues. */
  readonly visibilitySeconds: number;
  /** What is lost when a message dead-letters, and where the runbook says to go. */
  readonly deadLetterAlarm: string;
  /** The same, for a message SNS could not hand to the queue. */
  readonly subscriptionDeadLetterAlarm: string;
}

/** A queue fed by a topic, with both dead-letter queues; `consume` attaches its one consumer. */
export interface TopicQueue {
  readonly queue: sqs.Queue;
  readonly deadLetters: DeadLetterQueue;
  readonly subscriptionDeadLetters: DeadLetterQueue;
  consume(consumer: lambda.IFunction, consumerTimeoutSeconds: number, trigger: QueueTriggerOptions): void;
}

/**
 * An encrypted queue subscribed to a topic that an AWS service publishes
 * its events to (SES feedback, two-way SMS): the queue's dead-letter queue
 * after five receives, a dead-letter queue for what SNS cannot deliver, both
 * alarmed. Its resources take `prefix` in the caller's scope
 * (`${prefix}Queue`, `${prefix}DeadLetters`, `${prefix}SubscriptionDeadLetters`).
 */
export function topicQueue(scope: Construct, prefix: string, props: TopicQueueProps): TopicQueue {
  const deadLetters = new DeadLetterQueue(scope, `${prefix}DeadLetters`, { key: props.key, retentionSeconds: DEAD_LETTER.retentionSeconds, alarmAction: props.alarmAction, alarmDescription: props.deadLetterAlarm });
  const queue = new sqs.Queue(scope, `${prefix}Queue`, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: props.key,
    enforceSSL: true,
    visibilityTimeout: Duration.seconds(props.visibilitySeconds),
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { queue: deadLetters.queue, maxReceiveCount: DEAD_LETTER.maxReceiveCount },
  });
  const subscriptionDeadLetters = new DeadLetterQueue(scope, `${prefix}SubscriptionDeadLetters`, { key: props.key, retentionSeconds: DEAD_LETTER.retentionSeconds, alarmAction: props.alarmAction, alarmDescription: props.subscriptionDeadLetterAlarm });
  Validations.of(subscriptionDeadLetters.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the SNS subscription dead-letter queue (its redrive target); a dead-letter queue has none of its own.' });
  props.topic.addSubscription(new QueueSubscription(queue, { rawMessageDelivery: false, deadLetterQueue: subscriptionDeadLetters.queue }));
  return {
    queue,
    deadLetters,
    subscriptionDeadLetters,
    consume(consumer, consumerTimeoutSeconds, trigger) {
      if (props.visibilitySeconds < 6 * consumerTimeoutSeconds) throw new Error(`The ${prefix} queue's visibility timeout is under six times its consumer's timeout (${consumerTimeoutSeconds}s).`);
      drainQueue(consumer, queue, props.key, trigger);
    },
  };
}
