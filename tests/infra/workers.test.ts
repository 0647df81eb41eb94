import { describe, expect, it } from 'vitest';
import { FEEDBACK_CONSUMER } from '../../infra/aws/constructs/email-feedback';
import { streamFilterPattern, topology } from '../../shared/topology';
import { resources, synthOutpost } from './stack';

/**
 * The workers are sized by their triggers, not by reserved concurrency: each
 * SQS event source mapping caps its own concurrency, takes the batch the
 * topology declares, and the stream mapping invokes the announcer only for
 * published versions.
 */
const { stack, template } = synthOutpost();

const mappings = () => Object.values(resources(template, 'AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);
const sqsMappings = () => mappings().filter((m) => JSON.stringify(m.EventSourceArn).includes('Queue'));
const fnId = (name: string) => stack.getLogicalId(stack.functions[name]!.function.node.defaultChild as never);
const queueId = (channel: string) => Object.keys(resources(template, 'AWS::SQS::Queue')).find((id) => id.startsWith(`${channel[0]!.toUpperCase()}${channel.slice(1)}ChannelQueue`))!;

describe('SQS-fed functions', () => {
  it('reserve no concurrency: a reservation would throttle receives into the dead-letter queue and fail on accounts with the default quota', () => {
    const fed = new Set(sqsMappings().map((m) => m.FunctionName.Ref as string));
    expect(fed.size).toBe(Object.keys(topology.queues).length + 1);
    for (const [id, fn] of Object.entries(resources(template, 'AWS::Lambda::Function'))) {
      if (fed.has(id)) expect(fn.Properties.ReservedConcurrentExecutions, id).toBeUndefined();
    }
  });

  it('cap every SQS trigger with a maximum concurrency instead', () => {
    for (const m of sqsMappings()) expect(m.ScalingConfig?.MaximumConcurrency, JSON.stringify(m.EventSourceArn)).toBeGreaterThanOrEqual(2);
  });

  for (const [channel, spec] of Object.entries(topology.queues)) {
    it(`drains the ${channel} queue ${spec.consumer.batchSize} message at a time with at most ${spec.consumer.maxConcurrency} concurrent workers`, () => {
      const mapping = sqsMappings().find((m) => m.EventSourceArn['Fn::GetAtt']?.[0] === queueId(channel))!;
      expect(mapping.FunctionName).toEqual({ Ref: fnId(`Deliver${channel[0]!.toUpperCase()}${channel.slice(1)}`) });
      expect(mapping.BatchSize).toBe(spec.consumer.batchSize);
      expect(mapping.MaximumBatchingWindowInSeconds).toBeUndefined();
      expect(mapping.ScalingConfig).toEqual({ MaximumConcurrency: spec.consumer.maxConcurrency });
    });
  }

  it('gives each delivery worker one fan-out chunk per invocation, so a timeout sends back that one message only', () => {
    for (const spec of Object.values(topology.queues)) expect(spec.consumer.batchSize).toBe(1);
    expect(Object.fromEntries(Object.entries(topology.queues).map(([channel, spec]) => [channel, spec.consumer.maxConcurrency]))).toEqual({ email: 10, sms: 5, webhook: 10 });
  });

  it('drains SES feedback in batches of ten with at most two workers', () => {
    const feedback = sqsMappings().find((m) => m.FunctionName.Ref === fnId('SesFeedback'))!;
    expect(feedback.BatchSize).toBe(FEEDBACK_CONSUMER.batchSize);
    expect(feedback.ScalingConfig).toEqual({ MaximumConcurrency: FEEDBACK_CONSUMER.maxConcurrency });
  });
});

describe('stream consumer', () => {
  it('invokes the announcer only for inserted version items', () => {
    const announce = mappings().find((m) => m.FunctionName.Ref === fnId('Announce'))!;
    const patterns = (announce.FilterCriteria.Filters as { Pattern: string }[]).map((f) => JSON.parse(f.Pattern) as unknown);
    expect(patterns).toEqual([{ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['version'] } } } }]);
    expect(patterns).toEqual([streamFilterPattern(topology.streamConsumer.filter)]);
  });
});
