import { describe, expect, it } from 'vitest';
import { FEEDBACK_CONSUMER } from '../../infra/aws/constructs/email-feedback';
import { deliveryTriggerConcurrency } from '../../infra/capacity/worker-concurrency';
import { CHANNEL_NAMES } from '../../shared/domain/channel-name';
import { topology } from '../../shared/topology';
import { resources, synthOutpost } from './stack';

/**
 * The workers are sized by their triggers, not by reserved concurrency: each
 * SQS event source mapping caps its own concurrency (the delivery channels'
 * from the capacity model and the account's send rates), takes the batch the
 * topology declares, and each stream mapping invokes its consumer only for
 * the records it handles.
 */
const { stack, template } = synthOutpost();
const raised = synthOutpost({ context: { sesSendRate: '1000', smsSendRate: '100' } });

const mappingsOf = (t: typeof template) => Object.values(resources(t, 'AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);
const sqsMappings = (t = template) => mappingsOf(t).filter((m) => JSON.stringify(m.EventSourceArn).includes('Queue'));
const fnId = (name: string) => stack.getLogicalId(stack.functions[name]!.function.node.defaultChild as never);
const queueId = (channel: string) => Object.keys(resources(template, 'AWS::SQS::Queue')).find((id) => id.startsWith(`${channel[0]!.toUpperCase()}${channel.slice(1)}ChannelQueue`))!;
const channelMapping = (channel: string, t = template) => sqsMappings(t).find((m) => m.EventSourceArn['Fn::GetAtt']?.[0] === queueId(channel))!;

describe('SQS-fed functions', () => {
  it('reserve no concurrency: a reservation would throttle receives into the dead-letter queue and fail on accounts with the default quota', () => {
    const fed = new Set(sqsMappings().map((m) => m.FunctionName.Ref as string));
    // The channel workers, SES feedback and SMS replies.
    expect(fed.size).toBe(Object.keys(topology.queues).length + 2);
    for (const [id, fn] of Object.entries(resources(template, 'AWS::Lambda::Function'))) {
      if (fed.has(id)) expect(fn.Properties.ReservedConcurrentExecutions, id).toBeUndefined();
    }
    expect(Object.values(resources(template, 'AWS::Lambda::Function')).filter((fn) => fn.Properties.ReservedConcurrentExecutions !== undefined)).toEqual([]);
  });

  it('cap every SQS trigger with a maximum concurrency instead', () => {
    for (const m of sqsMappings()) expect(m.ScalingConfig?.MaximumConcurrency, JSON.stringify(m.EventSourceArn)).toBeGreaterThanOrEqual(2);
  });

  for (const channel of CHANNEL_NAMES) {
    const spec = topology.queues[channel];
    it(`drains the ${channel} queue ${spec.consumer.batchSize} messages at a time, with the workers the capacity model gives the account's send rates`, () => {
      const mapping = channelMapping(channel);
      expect(mapping.FunctionName).toEqual({ Ref: fnId(`Deliver${channel[0]!.toUpperCase()}${channel.slice(1)}`) });
      expect(mapping.BatchSize).toBe(spec.consumer.batchSize);
      expect(mapping.MaximumBatchingWindowInSeconds).toBeUndefined();
      expect(mapping.ScalingConfig).toEqual({ MaximumConcurrency: deliveryTriggerConcurrency(channel, { sesPerSecond: 14, smsPerSecond: 20 }) });
    });
  }

  it('gives the default quotas the concurrency docs/capacity.md tables, and more email workers when the SES rate is raised', () => {
    expect(Object.fromEntries(CHANNEL_NAMES.map((c) => [c, channelMapping(c).ScalingConfig.MaximumConcurrency]))).toEqual({ email: 2, sms: 2, webhook: 50 });
    const email = channelMapping('email', raised.template).ScalingConfig.MaximumConcurrency as number;
    expect(email).toBe(deliveryTriggerConcurrency('email', { sesPerSecond: 1000, smsPerSecond: 100 }));
    expect(email).toBeGreaterThan(2);
  });

  it('tells the workers the send rates they share', () => {
    for (const name of ['DeliverEmail', 'DeliverSms', 'DeliverWebhook']) {
      const env = resources(raised.template, 'AWS::Lambda::Function')[raised.stack.getLogicalId(raised.stack.functions[name]!.function.node.defaultChild as never)]!.Properties.Environment.Variables;
      expect(env, name).toMatchObject({ SEND_RATE_EMAIL: '1000', SEND_RATE_SMS: '100' });
    }
  });

  it('lets no batch outlast its function: workers stop starting chunks at the remaining time less a margin (deliver-batch), and every queue hides a message six timeouts long', () => {
    for (const spec of Object.values(topology.queues)) expect(spec.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * spec.consumer.handler.timeoutSeconds);
  });

  it('drains SES feedback in batches of ten with at most two workers', () => {
    const feedback = sqsMappings().find((m) => m.FunctionName.Ref === fnId('SesFeedback'))!;
    expect(feedback.BatchSize).toBe(FEEDBACK_CONSUMER.batchSize);
    expect(feedback.ScalingConfig).toEqual({ MaximumConcurrency: FEEDBACK_CONSUMER.maxConcurrency });
  });
});

describe('stream consumers', () => {
  const patternsOf = (name: string) => {
    const mapping = mappingsOf(template).find((m) => m.FunctionName.Ref === fnId(name))!;
    return (mapping.FilterCriteria.Filters as { Pattern: string }[]).map((f) => JSON.parse(f.Pattern) as unknown);
  };

  it('invoke the announcer only for inserted version items', () => {
    expect(patternsOf('Announce')).toEqual([{ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['version'] } } } }]);
    expect(patternsOf('Announce')).toEqual(topology.streamConsumers.announce.filters);
  });

  it('invoke the search indexer only for publication heads with a published version', () => {
    expect(patternsOf('IndexSearch')).toEqual(topology.streamConsumers.indexSearch.filters);
  });
});
