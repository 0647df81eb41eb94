import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { functions, topology, type QueueName } from '../../../shared/topology';
import { deliveryTriggerConcurrency, type SendRates } from '../../capacity/worker-concurrency';
import { ChannelQueue } from '../constructs/channel-queue';
import type { Email } from '../constructs/email-feedback';
import type { HandlerFunction } from '../constructs/handler-function';
import type { InboundSms } from '../constructs/inbound-sms';
import type { Operations } from '../constructs/operations';
import { SMS_SEND_ACTIONS, TRANSACT_WRITE, type FunctionFactory } from './function-factory';

/** The `publications` topic of the topology: encrypted, SSL only, SHA256 signatures. */
export function addPublicationsTopic(scope: Construct, key: kms.IKey): sns.Topic {
  return new sns.Topic(scope, 'PublicationsTopic', {
    displayName: topology.topics.publications.description,
    masterKey: key,
    enforceSSL: true,
    signatureVersion: '2',
  });
}

export interface DeliveryResources {
  readonly publications: sns.ITopic;
  readonly key: kms.IKey;
  readonly linkSecret: secretsmanager.ISecret;
  readonly ops: Operations;
  /** The account's provider rates (context sesSendRate, smsSendRate). */
  readonly sendRates: SendRates;
}

/** The delivery workers and the channel queues they drain, by channel. */
export interface DeliveryChannels {
  readonly consumers: Record<QueueName, HandlerFunction>;
  readonly channels: Record<QueueName, ChannelQueue>;
}

/**
 * One worker per channel of the topology, each allowed the table, its own
 * channel (SES, SMS or plain HTTPS) and its own queue, for fan-out
 * continuations; and one `ChannelQueue` per channel subscribed to the
 * `publications` topic with the topology's filter policy.
 */
export function addDeliveryChannels(scope: Construct, factory: FunctionFactory, resources: DeliveryResources): DeliveryChannels {
  const { publications, key, linkSecret, ops, sendRates } = resources;
  const consumers: Record<QueueName, HandlerFunction> = {
    email: factory.make('DeliverEmail', topology.queues.email.consumer.handler),
    sms: factory.make('DeliverSms', topology.queues.sms.consumer.handler),
    webhook: factory.make('DeliverWebhook', topology.queues.webhook.consumer.handler),
  };
  factory.sendEmail(consumers.email, 'bulk');
  factory.allowSms(consumers.sms, 'SmsToPhoneNumbers', SMS_SEND_ACTIONS);
  for (const fn of Object.values(consumers)) factory.allowTable(fn, ['GetItem', 'BatchGetItem', 'Query', 'BatchWriteItem', ...TRANSACT_WRITE]);
  // Only email signs links (manage, one-click unsubscribe); SMS links carry a stored code, webhooks none.
  factory.readSecret(consumers.email, linkSecret, 'LinkKey');
  const channels = {} as Record<QueueName, ChannelQueue>;
  for (const [channel, spec] of Object.entries(topology.queues) as [QueueName, (typeof topology.queues)[QueueName]][]) {
    channels[channel] = new ChannelQueue(scope, `${capitalize(channel)}Channel`, {
      channel,
      spec,
      topic: publications,
      key,
      consumer: consumers[channel].function,
      maxConcurrency: deliveryTriggerConcurrency(channel, sendRates),
      alarmAction: ops.alarmAction,
    });
    // Large fan-outs continue on the worker's own queue.
    consumers[channel].function.addEnvironment('DELIVERY_QUEUE_URL', channels[channel].queue.queueUrl);
    // The rates every worker shares through the table's counter: what the account is allowed.
    consumers[channel].function.addEnvironment('SEND_RATE_EMAIL', String(sendRates.sesPerSecond));
    consumers[channel].function.addEnvironment('SEND_RATE_SMS', String(sendRates.smsPerSecond));
    // SendMessageBatch is authorized by sqs:SendMessage.
    factory.allowSend(consumers[channel], 'ContinueFanOut', ['sqs:SendMessage'], channels[channel].queue.queueArn);
  }
  return { consumers, channels };
}

/** `SesFeedback`: drains the SES bounce and complaint queue and may touch only the table. */
export function addSesFeedback(factory: FunctionFactory, resources: { email: Email }): HandlerFunction {
  const sesFeedback = factory.make('SesFeedback', functions.sesFeedback);
  factory.allowTable(sesFeedback, ['GetItem', 'BatchGetItem', 'Query', 'BatchWriteItem', ...TRANSACT_WRITE]);
  resources.email.consumeWith(sesFeedback.function, functions.sesFeedback.timeoutSeconds);
  return sesFeedback;
}

/**
 * `InboundSms`: drains the two-way SMS queue, reads and writes the table
 * (the answer and its audit entry) and emails security contacts when a
 * traveler needs help; it texts no one.
 */
export function addInboundSms(factory: FunctionFactory, resources: { inboundSms: InboundSms }): HandlerFunction {
  const inboundSms = factory.make('InboundSms', functions.inboundSms);
  factory.allowTable(inboundSms, ['GetItem', 'BatchGetItem', 'Query', 'BatchWriteItem', ...TRANSACT_WRITE]);
  factory.sendEmail(inboundSms, 'single');
  resources.inboundSms.consumeWith(inboundSms.function, functions.inboundSms.timeoutSeconds);
  return inboundSms;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
