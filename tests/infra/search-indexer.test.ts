import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { topology } from '../../shared/topology';
import { resources, synthOutpost } from './stack';

/** The search indexer's wiring: its own filtered mapping on the table stream, its failure destination and its lag alarm. */
const { stack, template } = synthOutpost();
const fnId = (name: string) => stack.getLogicalId(stack.functions[name]!.function.node.defaultChild as never);

describe('search indexer', () => {
  it('indexes for search from its own mapping on the stream, filtered to publication heads with a published version', () => {
    const search = topology.streamConsumers.indexSearch;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId('IndexSearch') },
      EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
      StartingPosition: search.startingPosition,
      BatchSize: search.batchSize,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: search.filters.map((pattern) => ({ Pattern: JSON.stringify(pattern) })) },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StreamFailures'), 'Arn'] } } },
    });
    expect(search.filters[0]).toMatchObject({
      dynamodb: { Keys: { sk: { S: ['HEAD'] } }, NewImage: { data: { M: { state: { S: ['published', 'archived', 'expired'] } } } } },
    });
  });

  it('alarms when search falls behind the stream', () => {
    const alarms = Object.values(resources(template, 'AWS::CloudWatch::Alarm'));
    expect(alarms.some((a) => a.Properties.MetricName === 'IteratorAge' && JSON.stringify(a.Properties.Dimensions).includes(fnId('IndexSearch')))).toBe(true);
  });
});
