import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { topology, type StreamConsumerSpec } from '../../../shared/topology';
import { DeadLetterQueue } from '../constructs/dead-letter-queue';
import type { HandlerFunction } from '../constructs/handler-function';
import type { Operations } from '../constructs/operations';
import type { FunctionFactory } from './function-factory';

export interface AnnouncerResources {
  readonly table: dynamodb.Table;
  readonly publications: sns.ITopic;
  readonly key: kms.IKey;
  readonly ops: Operations;
}

/** An SQS on-failure destination that grants nothing itself (the caller grants exactly SendMessage). */
function onFailureQueue(queue: sqs.IQueue): lambda.IEventSourceDlq {
  return { bind: () => ({ destination: queue.queueArn }) };
}

/**
 * The announcer, the first stream consumer of the topology: `Announce`
 * reads the table's stream (only inserted versions reach it, by its
 * filter; bisecting, retrying, with an age limit) and publishes to the
 * `publications` topic only; records that exhaust their retries are
 * described on `StreamFailures`, which the search indexer shares.
 */
export function addAnnouncer(scope: Construct, factory: FunctionFactory, resources: AnnouncerResources): { announce: HandlerFunction; streamFailures: DeadLetterQueue } {
  const { table, publications, key, ops } = resources;
  const stream = topology.streamConsumers.announce;
  const announce = factory.make('Announce', stream.handler, {
    env: { PUBLICATIONS_TOPIC_ARN: publications.topicArn },
    wildcards: ['dynamodb:ListStreams (stream event source) supports no resource-level permissions'],
  });
  factory.allowTable(announce, ['GetItem', 'UpdateItem']);
  factory.allowSend(announce, 'PublishPublications', ['sns:Publish'], publications.topicArn);
  const streamFailures = new DeadLetterQueue(scope, 'StreamFailures', {
    key,
    retentionSeconds: stream.onFailure.retentionPeriodSeconds,
    alarmAction: ops.alarmAction,
    alarmDescription: 'Stream records exhausted their retries: some publications may not have been announced or indexed for search. See docs/operations.md#replaying-dead-letters.',
  });
  Validations.of(streamFailures.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the stream event source on-failure destination, itself the last stop for failed records.' });
  addStreamSource(factory, announce, stream, table, streamFailures);
  return { announce, streamFailures };
}

/**
 * A stream consumer's event source mapping on the table, as its topology
 * spec declares it (batching, bisecting, retries, record age, filters),
 * with `failures` as its on-failure destination, which the function may
 * send to and nothing more.
 */
export function addStreamSource(factory: FunctionFactory, fn: HandlerFunction, spec: StreamConsumerSpec, table: dynamodb.Table, failures: DeadLetterQueue): void {
  fn.function.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition[spec.startingPosition],
      batchSize: spec.batchSize,
      ...(spec.maxBatchingWindowSeconds > 0 ? { maxBatchingWindow: Duration.seconds(spec.maxBatchingWindowSeconds) } : {}),
      bisectBatchOnError: spec.bisectBatchOnError,
      retryAttempts: spec.retryAttempts,
      maxRecordAge: Duration.seconds(spec.maxRecordAgeSeconds),
      reportBatchItemFailures: spec.reportBatchItemFailures,
      parallelizationFactor: spec.parallelizationFactor,
      onFailure: onFailureQueue(failures.queue),
      ...(spec.filters ? { filters: spec.filters.map((pattern) => lambda.FilterCriteria.filter({ ...pattern })) } : {}),
    }),
  );
  // What Lambda sends the failure records with; SqsDlq would grant wildcard KMS actions besides.
  factory.allowSend(fn, 'StreamFailureRecords', ['sqs:SendMessage'], failures.queue.queueArn);
}
