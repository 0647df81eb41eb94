import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { CHANNEL_NAMES, type Channel } from '../../../shared/domain/channel-name';
import { serviceOf, topology, type QueueName } from '../../../shared/topology';
import type { ChannelQueue } from '../constructs/channel-queue';
import type { HandlerFunction } from '../constructs/handler-function';
import type { Operations } from '../constructs/operations';

export interface PipelineResources {
  readonly ops: Operations;
  readonly table: dynamodb.Table;
  readonly announce: HandlerFunction;
  readonly channels: Record<QueueName, ChannelQueue>;
  /** The monthly SMS spend, in US dollars, at which the spend alarm fires. */
  readonly smsMonthlyBudgetUsd: number;
}

/** The namespace the functions publish their metrics to (Powertools' embedded metric format). */
const NAMESPACE = 'Outpost';

/** A channel's deliveries of one outcome, as its worker publishes them (dimensions service, channel, outcome). */
function deliveries(channel: Channel, outcome: string, period: Duration): cloudwatch.Metric {
  const service = serviceOf(topology.queues[channel].consumer.handler);
  return new cloudwatch.Metric({ namespace: NAMESPACE, metricName: 'Deliveries', dimensionsMap: { service, channel, outcome }, statistic: 'Sum', period, label: `${channel} ${outcome}` });
}

/** A timing a channel's worker publishes (dimensions service, channel). */
function workerTiming(channel: Channel, metricName: string, statistic: string, period: Duration): cloudwatch.Metric {
  const service = serviceOf(topology.queues[channel].consumer.handler);
  return new cloudwatch.Metric({ namespace: NAMESPACE, metricName, dimensionsMap: { service, channel }, statistic, period, label: `${channel} ${statistic}` });
}

function alarm(scope: Construct, ops: Operations, id: string, props: Omit<cloudwatch.AlarmProps, 'treatMissingData'>): cloudwatch.Alarm {
  return ops.watch(new cloudwatch.Alarm(scope, id, { treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, ...props }));
}

/**
 * The delivery pipeline's alarms and its dashboard row, from the table's
 * stream to a delivered message: queue age per channel, SES complaint rate,
 * SMS spend, DynamoDB throttling; and graphs of the stream's lag, the queues,
 * deliveries by channel and outcome, and the time from publishing a version
 * to its deliveries. docs/operations.md says what to do for each alarm.
 */
export function addPipelineMonitoring(scope: Construct, resources: PipelineResources): void {
  const { ops, table, announce, channels } = resources;
  const period = Duration.minutes(5);

  for (const channel of CHANNEL_NAMES) {
    alarm(scope, ops, `${pascal(channel)}QueueAge`, {
      alarmDescription: `The oldest ${channel} delivery message waited more than 30 minutes for 15 minutes: the workers are behind (send rate, concurrency) or failing.`,
      metric: channels[channel].queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
      threshold: 30 * 60,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
  }
  alarm(scope, ops, 'SesComplaintRate', {
    alarmDescription: 'SES complaint rate above 0.1% (SES reviews accounts at 0.1% and may pause sending at 0.5%).',
    metric: new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', statistic: 'Maximum', period: Duration.hours(1) }),
    threshold: 0.001,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  });
  const smsSpend = new cloudwatch.Metric({ namespace: 'AWS/SNS', metricName: 'SMSMonthToDateSpentUSD', statistic: 'Maximum', period: Duration.hours(1) });
  alarm(scope, ops, 'SmsSpend', {
    alarmDescription: `SMS spend this month passed ${resources.smsMonthlyBudgetUsd} USD (context smsMonthlyBudgetUsd); SNS stops sending at the account's spend limit.`,
    metric: smsSpend,
    threshold: resources.smsMonthlyBudgetUsd,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  });
  const throttles = table.metricThrottledRequestsForOperations({
    operations: [
      dynamodb.Operation.GET_ITEM,
      dynamodb.Operation.QUERY,
      dynamodb.Operation.PUT_ITEM,
      dynamodb.Operation.UPDATE_ITEM,
      dynamodb.Operation.DELETE_ITEM,
      dynamodb.Operation.BATCH_GET_ITEM,
      dynamodb.Operation.BATCH_WRITE_ITEM,
      dynamodb.Operation.TRANSACT_WRITE_ITEMS,
    ],
    period,
  });
  alarm(scope, ops, 'TableThrottles', {
    alarmDescription: 'DynamoDB throttled requests on the table for 10 minutes (a hot partition or the account’s table throughput quota).',
    metric: throttles,
    threshold: 1,
    evaluationPeriods: 2,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  });

  ops.dashboard.addWidgets(
    new cloudwatch.TextWidget({ markdown: '## Delivery pipeline\npublish → table stream → announce → topic → channel queues → workers → deliveries', width: 24, height: 2 }),
    new cloudwatch.GraphWidget({ title: '1. Stream lag (announce iterator age, ms)', left: [announce.function.metric('IteratorAge', { period, statistic: 'Maximum' })], width: 6 }),
    new cloudwatch.GraphWidget({
      title: '2. Channel queues: oldest message (s)',
      left: CHANNEL_NAMES.map((c) => channels[c].queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum', label: c })),
      width: 6,
    }),
    new cloudwatch.GraphWidget({
      title: '3. Deliveries by channel and outcome',
      left: CHANNEL_NAMES.flatMap((c) => ['sent', 'failed', 'deadLettered'].map((outcome) => deliveries(c, outcome, period))),
      width: 6,
    }),
    new cloudwatch.GraphWidget({
      title: '4. Publish to delivery (ms, p50 / p99)',
      left: CHANNEL_NAMES.flatMap((c) => [workerTiming(c, 'PublishToDeliveryLatency', 'p50', period), workerTiming(c, 'PublishToDeliveryLatency', 'p99', period)]),
      width: 6,
    }),
    new cloudwatch.GraphWidget({ title: 'SMS spend this month (USD)', left: [smsSpend], width: 8 }),
    new cloudwatch.GraphWidget({ title: 'Table throttled requests', left: [throttles], width: 8 }),
    new cloudwatch.GraphWidget({
      title: 'Fan-out work duration (ms, p99)',
      left: CHANNEL_NAMES.map((c) => workerTiming(c, 'FanOutWorkDuration', 'p99', period)),
      width: 8,
    }),
  );
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
