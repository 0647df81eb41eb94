import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import type { QueueName } from '../../../shared/topology';
import type { ChannelQueue } from '../constructs/channel-queue';
import type { DeadLetterQueue } from '../constructs/dead-letter-queue';
import type { Email } from '../constructs/email-feedback';
import type { HandlerFunction } from '../constructs/handler-function';
import type { HttpApi } from '../constructs/http-api';
import type { Operations } from '../constructs/operations';

export interface MonitoredResources {
  readonly ops: Operations;
  readonly httpApi: HttpApi;
  readonly announce: HandlerFunction;
  readonly email: Email;
  readonly channels: Record<QueueName, ChannelQueue>;
  /** Dead-letter queues outside the channels and the email feedback. */
  readonly otherDeadLetters: readonly DeadLetterQueue[];
}

/**
 * The alarms beyond each function's errors and throttles and each
 * dead-letter queue's depth (those come with their constructs): API 5xx
 * rate and p99 latency, stream iterator age, SES bounce rate; and the
 * dashboard rows for traffic, queues, dead letters and alarm status.
 */
export function addStackAlarms(scope: Construct, resources: MonitoredResources): void {
  const { ops, httpApi, announce, email, channels } = resources;
  const period = Duration.minutes(5);
  const requests = httpApi.api.metricCount({ period, statistic: 'Sum' });
  const serverErrors = httpApi.metricServerErrors(period);
  ops.watch(
    new cloudwatch.Alarm(scope, 'Api5xxRate', {
      alarmDescription: 'More than 1% of API requests answered 5xx for 15 minutes.',
      metric: new cloudwatch.MathExpression({ expression: 'IF(requests > 0, 100 * errors / requests, 0)', usingMetrics: { requests, errors: serverErrors }, period, label: '5xx %' }),
      threshold: 1,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  );
  const p99 = httpApi.api.metricLatency({ period, statistic: 'p99' });
  ops.watch(
    new cloudwatch.Alarm(scope, 'ApiLatencyP99', {
      alarmDescription: 'API p99 latency above 2 s for 15 minutes.',
      metric: p99,
      threshold: 2000,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  );
  const iteratorAge = announce.function.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' });
  ops.watch(
    new cloudwatch.Alarm(scope, 'StreamIteratorAge', {
      alarmDescription: 'Announcements lag the table stream by more than 5 minutes.',
      metric: iteratorAge,
      threshold: 5 * 60 * 1000,
      evaluationPeriods: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  );
  const bounceRate = email.metricBounceRate();
  ops.watch(
    new cloudwatch.Alarm(scope, 'SesBounceRate', {
      alarmDescription: 'SES bounce rate above 4% (SES reviews accounts at 5% and may pause sending at 10%).',
      metric: bounceRate,
      threshold: 0.04,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  );

  const deadLetterQueues = [
    ...Object.values(channels).flatMap((c) => [c.deadLetters, c.subscriptionDeadLetters]),
    ...resources.otherDeadLetters,
    email.feedback.deadLetters,
    email.feedback.subscriptionDeadLetters,
  ];
  ops.dashboard.addWidgets(
    new cloudwatch.GraphWidget({ title: 'API requests and 5xx', left: [requests, serverErrors], width: 8 }),
    new cloudwatch.GraphWidget({ title: 'API latency p99 (ms)', left: [p99], width: 8 }),
    new cloudwatch.GraphWidget({ title: 'Stream iterator age (ms)', left: [iteratorAge], width: 8 }),
    new cloudwatch.GraphWidget({
      title: 'Channel queues: messages visible',
      left: Object.entries(channels).map(([name, c]) => c.queue.metricApproximateNumberOfMessagesVisible({ label: name, period })),
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'Dead letters',
      left: deadLetterQueues.map((d) => d.queue.metricApproximateNumberOfMessagesVisible({ label: deadLetterLabel(d), period })),
      width: 12,
    }),
    new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...ops.alarms, ...deadLetterQueues.map((d) => d.alarm)], width: 24 }),
    new cloudwatch.GraphWidget({ title: 'SES bounce rate', left: [bounceRate], width: 12 }),
  );
}

/** `StreamFailures`, or `EmailChannel/DeadLetters` for one inside a construct. */
function deadLetterLabel(d: DeadLetterQueue): string {
  const parent = d.node.scope?.node.id;
  return parent && parent !== Stack.of(d).node.id ? `${parent}/${d.node.id}` : d.node.id;
}
