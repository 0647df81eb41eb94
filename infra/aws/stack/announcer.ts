import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { streamFilterPattern, topology } from '../../../shared/topology';
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
 * The stream consumer of the topology: `Announce` reads the table's stream
 * (bisecting, retrying, with an age limit) and publishes to the
 * `publications` topic only; records that exhaust their retries are
 * described on `StreamFailures`.
 */
export function addAnnouncer(scope: Construct, factory: FunctionFactory, resources: AnnouncerResources): { announce: HandlerFunction; streamFailures: DeadLetterQueue } {
  const { table, publications, key, ops } = resources;
  const stream = topology.streamConsumer;
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
    alarmDescription: 'Stream records exhausted their retries: some publications may not have been announced. See docs/operations.md#replaying-dead-letters.',
  });
  Validations.of(streamFailures.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the stream event source on-failure destination, itself the last stop for failed records.' });
  announce.function.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition[stream.startingPosition],
      batchSize: stream.batchSize,
      ...(stream.maxBatchingWindowSeconds > 0 ? { maxBatchingWindow: Duration.seconds(stream.maxBatchingWindowSeconds) } : {}),
      bisectBatchOnError: stream.bisectBatchOnError,
      retryAttempts: stream.retryAttempts,
      maxRecordAge: Duration.seconds(stream.maxRecordAgeSeconds),
      reportBatchItemFailures: stream.reportBatchItemFailures,
      parallelizationFactor: stream.parallelizationFactor,
      filters: [lambda.FilterCriteria.filter(streamFilterPattern(stream.filter))],
      onFailure: onFailureQueue(streamFailures.queue),
    }),
  );
  // What Lambda sends the failure records with; SqsDlq would grant wildcard KMS actions besides.
  factory.allowSend(announce, 'StreamFailureRecords', ['sqs:SendMessage'], streamFailures.queue.queueArn);
  return { announce, streamFailures };
}
