import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { topicQueue, type TopicQueue } from './topic-queue';

export interface EmailProps {
  readonly key: kms.IKey;
  /** The From address; without it (a dev stage) no identity is created and SES refuses every send. */
  readonly senderEmail?: string;
  readonly senderDomain?: string;
  readonly alarmAction: cloudwatch.IAlarmAction;
}

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
  /** The feedback queue and its dead-letter queues. */
  readonly feedback: TopicQueue;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
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

    this.feedback = topicQueue(this, 'Feedback', {
      topic: this.feedbackTopic,
      key: props.key,
      alarmAction: props.alarmAction,
      visibilitySeconds: FEEDBACK_VISIBILITY_SECONDS,
      deadLetterAlarm: 'SES bounce or complaint events could not be applied; those addresses may still receive email. See docs/operations.md#replaying-dead-letters.',
      subscriptionDeadLetterAlarm: 'SNS could not deliver SES feedback to its queue. See docs/operations.md#replaying-dead-letters.',
    });
  }

  /** Drains the feedback queue with `consumer`, reporting partial batch failures. */
  consumeWith(consumer: lambda.IFunction, consumerTimeoutSeconds: number): void {
    this.feedback.consume(consumer, consumerTimeoutSeconds, { ...FEEDBACK_CONSUMER, reportBatchItemFailures: true });
  }

  /** The account's SES bounce rate (SES publishes it as a fraction). */
  metricBounceRate(): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) });
  }
}
