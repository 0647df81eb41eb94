import { Duration, Names, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/** How a queue is drained: the batch, its window, how many invocations at once, partial batch responses. */
export interface QueueTriggerOptions {
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds?: number;
  readonly maxConcurrency: number;
  readonly reportBatchItemFailures: boolean;
}

/**
 * An SQS event source mapping with exactly the permissions Lambda's poller
 * uses: receive, delete and read the queue's attributes, and decrypt with
 * the queue's key. (CDK's SqsEventSource also grants GetQueueUrl and
 * ChangeMessageVisibility, which the poller never calls.) The mapping takes
 * no on-failure destination: a message that keeps failing goes to the
 * queue's own dead-letter queue, which the acknowledgement says.
 */
export function drainQueue(consumer: lambda.IFunction, queue: sqs.IQueue, key: kms.IKey, options: QueueTriggerOptions): lambda.EventSourceMapping {
  const window = options.maxBatchingWindowSeconds ?? 0;
  consumer.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], resources: [queue.queueArn] }));
  consumer.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }));
  const mapping = consumer.addEventSourceMapping(`SqsEventSource:${Names.nodeUniqueId(queue.node)}`, {
    eventSourceArn: queue.queueArn,
    batchSize: options.batchSize,
    ...(window > 0 ? { maxBatchingWindow: Duration.seconds(window) } : {}),
    maxConcurrency: options.maxConcurrency,
    reportBatchItemFailures: options.reportBatchItemFailures,
  });
  Validations.of(mapping).acknowledge({
    id: 'Serverless-LambdaEventSourceMappingDestination',
    reason: 'Lambda supports no on-failure destination for SQS event sources; failed messages reach the queue\'s redrive dead-letter queue (alarmed) after maxReceiveCount receives.',
  });
  return mapping;
}
