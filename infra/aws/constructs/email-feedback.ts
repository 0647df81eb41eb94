import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QueueSubscription } from './queue-subscription';
import { drainQueue } from './queue-trigger';
import { DeadLetterQueue } from './dead-letter-queue';

export interface EmailProps {
  readonly key: kms.IKey;
  /** The From address; without it (a dev stage) no identity is created and SES refuses every send. */
  readonly senderEmail?: string;
  readonly senderDomain?: string;
  readonly alarmAction: cloudwatch.IAlarmAction;
}

const DAY = 24 * 60 * 60;
/** Feedback is replayable for as long as SQS allows. */
const FEEDBACK_DEAD_LETTER = { maxReceiveCount: 5, retentionSeconds: 14 * DAY };
/** Six times the ses-feedback timeout, as for the channel queues. */
const FEEDBACK_VISIBILITY_SECONDS = 180;
/**
 * Feedback arrives in trickles (a bounce or complaint per message) and each
 * is a few table updates: a batch of 10 fits the 30 s timeout many times
 * over, and two concurrent drainers clear a burst after a large send.
 */
export const FEEDBACK_CONSUMER = { batchSize: 10, maxConcurrency: 2 } as const;

/**
 * SES sending: the verified identity, the configuration set every message
 * is sent with, and the way back for its bounce and complaint events
 * (SNS topic → SQS queue → the ses-feedback function, which suspends that
 * address's email subscriptions).
 */
export class Email extends Construct {
  /** The verified sender, when one was configured. */
  readonly identity?: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly feedbackTopic: sns.Topic;
  readonly feedbackQueue: sqs.Queue;
  readonly feedbackDeadLetters: DeadLetterQueue;
  readonly subscriptionDeadLetters: DeadLetterQueue;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    this.key = props.key;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const identity = props.senderDomain ? ses.Identity.domain(props.senderDomain) : props.senderEmail ? ses.Identity.email(props.senderEmail) : undefined;
    if (identity) this.identity = new ses.EmailIdentity(this, 'Identity', { identity, configurationSet: this.configurationSet });

    this.feedbackTopic = new sns.Topic(this, 'FeedbackTopic', { masterKey: props.key, enforceSSL: true, signatureVersion: '2', displayName: 'Outpost SES bounces and complaints' });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.feedbackTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    this.feedbackDeadLetters = new DeadLetterQueue(this, 'FeedbackDeadLetters', {
      key: props.key,
      retentionSeconds: FEEDBACK_DEAD_LETTER.retentionSeconds,
      alarmAction: props.alarmAction,
      alarmDescription: 'SES bounce or complaint events could not be applied; those addresses may still receive email. See docs/operations.md#replaying-dead-letters.',
    });
    this.feedbackQueue = new sqs.Queue(this, 'FeedbackQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(FEEDBACK_VISIBILITY_SECONDS),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.feedbackDeadLetters.queue, maxReceiveCount: FEEDBACK_DEAD_LETTER.maxReceiveCount },
    });
    const subscriptionDeadLetters = new DeadLetterQueue(this, 'FeedbackSubscriptionDeadLetters', {
      key: props.key,
      retentionSeconds: FEEDBACK_DEAD_LETTER.retentionSeconds,
      alarmAction: props.alarmAction,
      alarmDescription: 'SNS could not deliver SES feedback to its queue. See docs/operations.md#replaying-dead-letters.',
    });
    Validations.of(subscriptionDeadLetters.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the SNS subscription dead-letter queue (its redrive target); a dead-letter queue has none of its own.' });
    this.feedbackTopic.addSubscription(new QueueSubscription(this.feedbackQueue, { rawMessageDelivery: false, deadLetterQueue: subscriptionDeadLetters.queue }));
    this.subscriptionDeadLetters = subscriptionDeadLetters;
  }

  /** Drains the feedback queue with `consumer`, reporting partial batch failures. */
  consumeWith(consumer: lambda.IFunction, consumerTimeoutSeconds: number): void {
    if (FEEDBACK_VISIBILITY_SECONDS < 6 * consumerTimeoutSeconds) {
      throw new Error(`The SES feedback queue's visibility timeout is under six times its consumer's timeout (${consumerTimeoutSeconds}s).`);
    }
    drainQueue(consumer, this.feedbackQueue, this.key, { ...FEEDBACK_CONSUMER, reportBatchItemFailures: true });
  }

  /** The account's SES bounce rate (SES publishes it as a fraction). */
  metricBounceRate(): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) });
  }
}
