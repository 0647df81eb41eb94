import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';

export interface OperationsProps {
  readonly key: kms.IKey;
  /** Each gets an email subscription to the alarm topic (to confirm once). */
  readonly alarmEmails: readonly string[];
}

/**
 * Where operators hear about trouble: the encrypted alarm topic (optionally
 * mailed), the alarms on functions, and the dashboard the rest adds widgets to.
 */
export class Operations extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly alarmAction: cloudwatch.IAlarmAction;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.IAlarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { masterKey: props.key, enforceSSL: true, displayName: 'Outpost alarms' });
    this.alarmAction = new actions.SnsAction(this.alarmTopic);
    if (props.alarmEmails.length > 0) {
      // Alarm mail SNS could not deliver (a full or gone mailbox) waits here, itself alarmed, rather than vanishing.
      const undelivered = new DeadLetterQueue(this, 'AlarmMailDeadLetters', {
        key: props.key,
        retentionSeconds: 14 * 24 * 60 * 60,
        alarmAction: this.alarmAction,
        alarmDescription: 'SNS could not deliver an alarm email; read the message here and fix the recipient (docs/operations.md#alarms).',
      });
      Validations.of(undelivered.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the alarm email subscriptions; a dead-letter queue has none of its own.' });
      for (const address of props.alarmEmails) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(address, { deadLetterQueue: undelivered.queue }));
    }
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });
  }

  /** Registers an alarm so it notifies the topic and shows on the dashboard. */
  watch(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    alarm.addAlarmAction(this.alarmAction);
    alarm.addOkAction(this.alarmAction);
    this.alarms.push(alarm);
    return alarm;
  }

  /** Errors and throttles of one function, alarmed, with a dashboard row. */
  watchFunction(name: string, fn: lambda.IFunction): void {
    const period = Duration.minutes(5);
    const errors = fn.metricErrors({ period, statistic: 'Sum' });
    const throttles = fn.metricThrottles({ period, statistic: 'Sum' });
    this.watch(
      new cloudwatch.Alarm(this, `${name}Errors`, {
        alarmDescription: `The ${name} function failed invocations.`,
        metric: errors,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    this.watch(
      new cloudwatch.Alarm(this, `${name}Throttles`, {
        alarmDescription: `The ${name} function was throttled (the account's concurrency is exhausted).`,
        metric: throttles,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: `${name}: invocations, errors, throttles`, left: [fn.metricInvocations({ period }), errors, throttles], width: 12 }),
      new cloudwatch.GraphWidget({ title: `${name}: duration p50 / p99`, left: [fn.metricDuration({ period, statistic: 'p50' }), fn.metricDuration({ period, statistic: 'p99' })], width: 12 }),
    );
  }
}
