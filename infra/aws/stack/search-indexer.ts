import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { topology } from '../../../shared/topology';
import type { DeadLetterQueue } from '../constructs/dead-letter-queue';
import type { HandlerFunction } from '../constructs/handler-function';
import type { Operations } from '../constructs/operations';
import { addStreamSource } from './announcer';
import { TRANSACT_WRITE, type FunctionFactory } from './function-factory';

export interface SearchIndexerResources {
  readonly table: dynamodb.Table;
  readonly streamFailures: DeadLetterQueue;
  readonly ops: Operations;
}

/**
 * The search indexer: its own event source mapping on the table's stream,
 * filtered to publication heads with a published version (so drafts never
 * invoke it), sharing the announcer's `StreamFailures` destination, with an
 * alarm when search falls behind the stream. It writes the search log and
 * snapshot items in the same table and reads publications and
 * organizations for a first build, so the table is all it is granted: the
 * DynamoDB actions its bundle's commands need.
 */
export function addSearchIndexer(scope: Construct, factory: FunctionFactory, resources: SearchIndexerResources): HandlerFunction {
  const { table, streamFailures, ops } = resources;
  const spec = topology.streamConsumers.indexSearch;
  const indexer = factory.make('IndexSearch', spec.handler, {
    wildcards: ['dynamodb:ListStreams (stream event source) supports no resource-level permissions'],
  });
  factory.allowTable(indexer, ['GetItem', 'BatchGetItem', 'Query', 'BatchWriteItem', ...TRANSACT_WRITE]);
  addStreamSource(factory, indexer, spec, table, streamFailures);
  ops.watch(
    new cloudwatch.Alarm(scope, 'SearchIteratorAge', {
      alarmDescription: 'Search lags the table stream by more than 5 minutes: new publications are not found yet.',
      metric: indexer.function.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 5 * 60 * 1000,
      evaluationPeriods: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  );
  return indexer;
}
