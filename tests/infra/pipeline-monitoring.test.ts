import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/domain/channel-name';
import { resources, synthOutpost } from './stack';

/** The delivery pipeline's alarms and dashboard, as an operator receives them. */
const { template } = synthOutpost({ context: { alarmEmail: 'ops@outpost.example', smsMonthlyBudgetUsd: '250' } });

const alarms = () => Object.values(resources(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
const alarmTopicRef = () => {
  const [id] = Object.keys(resources(template, 'AWS::SNS::Topic')).filter((key) => key.startsWith('OperationsAlarmTopic'));
  return { Ref: id };
};

describe('pipeline alarms', () => {
  it('alarm on the age of the oldest message of every channel queue', () => {
    const ages = alarms().filter((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');
    for (const channel of CHANNEL_NAMES) {
      const alarm = ages.find((a) => JSON.stringify(a.Dimensions).includes(`${channel[0]!.toUpperCase()}${channel.slice(1)}ChannelQueue`));
      expect(alarm, channel).toMatchObject({ Threshold: 1800, EvaluationPeriods: 3, Statistic: 'Maximum' });
    }
  });

  it('alarm on the SES complaint rate before SES reviews the account, and on SES bounces', () => {
    expect(alarms().find((a) => a.MetricName === 'Reputation.ComplaintRate')).toMatchObject({ Namespace: 'AWS/SES', Threshold: 0.001 });
    expect(alarms().find((a) => a.MetricName === 'Reputation.BounceRate')).toMatchObject({ Namespace: 'AWS/SES', Threshold: 0.04 });
  });

  it('alarm when the month’s SMS spend reaches the budget given in the context', () => {
    expect(alarms().find((a) => a.MetricName === 'SMSMonthToDateSpentUSD')).toMatchObject({ Namespace: 'AWS/SNS', Threshold: 250, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('alarm on DynamoDB throttling of any table operation the functions use', () => {
    const throttles = alarms().find((a) => JSON.stringify(a.Metrics ?? []).includes('ThrottledRequests'));
    expect(throttles).toBeDefined();
    for (const operation of ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'TransactWriteItems']) expect(JSON.stringify(throttles!.Metrics)).toContain(`{"Name":"Operation","Value":"${operation}"}`);
  });

  it('alarm on the API answering 5xx', () => {
    expect(alarms().some((a) => JSON.stringify(a.Metrics ?? []).includes('5xx'))).toBe(true);
  });

  it('notify the alarm topic, the pipeline alarms on recovery too', () => {
    for (const alarm of alarms()) expect(alarm.AlarmActions, alarm.AlarmDescription as string).toEqual([alarmTopicRef()]);
    const pipeline = alarms().filter((a) => ['ApproximateAgeOfOldestMessage', 'Reputation.ComplaintRate', 'SMSMonthToDateSpentUSD'].includes(a.MetricName as string));
    expect(pipeline).toHaveLength(5);
    for (const alarm of pipeline) expect(alarm.OKActions, alarm.AlarmDescription as string).toEqual([alarmTopicRef()]);
  });
});

describe('the dashboard', () => {
  const body = () => JSON.stringify(Object.values(resources(template, 'AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);

  it('shows the delivery pipeline end to end: stream lag, queue age, deliveries by outcome, publish-to-delivery latency', () => {
    const text = body();
    expect(text).toContain('Delivery pipeline');
    expect(text).toContain('IteratorAge');
    expect(text).toContain('ApproximateAgeOfOldestMessage');
    for (const channel of CHANNEL_NAMES) {
      expect(text).toContain(`\\"Deliveries\\",\\"channel\\",\\"${channel}\\",\\"outcome\\",\\"sent\\",\\"service\\",\\"outpost-deliver-${channel}\\"`);
    }
    expect(text).toContain('PublishToDeliveryLatency');
    expect(text).toContain('SMSMonthToDateSpentUSD');
  });
});
