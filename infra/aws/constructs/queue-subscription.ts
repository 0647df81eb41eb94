import { Names } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * An encrypted SQS queue subscribed to a topic: SNS may send to the queue
 * from that topic only, and redrives what it cannot deliver. Unlike CDK's
 * SqsSubscription it adds no statement to the queue's KMS key: the messaging
 * key already lets SNS use it for this account only (infra/aws/stack/keys.ts),
 * CDK's statement would have no source condition at all, and one naming the
 * topic would make key and topic depend on each other.
 */
export class QueueSubscription implements sns.ITopicSubscription {
  constructor(
    private readonly queue: sqs.IQueue,
    private readonly props: { readonly rawMessageDelivery: boolean; readonly deadLetterQueue: sqs.IQueue },
  ) {}

  bind(topic: sns.ITopic): sns.TopicSubscriptionConfig {
    const sendFromTopic = this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        resources: [this.queue.queueArn],
        actions: ['sqs:SendMessage'],
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
      }),
    );
    return {
      subscriberScope: this.queue,
      subscriberId: Names.nodeUniqueId(topic.node),
      endpoint: this.queue.queueArn,
      protocol: sns.SubscriptionProtocol.SQS,
      rawMessageDelivery: this.props.rawMessageDelivery,
      deadLetterQueue: this.props.deadLetterQueue,
      ...(sendFromTopic.policyDependable ? { subscriptionDependency: sendFromTopic.policyDependable } : {}),
    };
  }
}
