import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { DynamoDeliveryStore } from '../../../shared/adapters/dynamodb/delivery-repository';
import { DynamoDigestStore } from '../../../shared/adapters/dynamodb/digest-repository';
import { DynamoHeldMessageStore } from '../../../shared/adapters/dynamodb/held-message-repository';
import { sqsRequeue } from '../../../shared/adapters/sqs/sqs-requeue';
import { DynamoPublicationStore } from '../../../shared/adapters/dynamodb/publication-repository';
import { DynamoSubscriptionStore } from '../../../shared/adapters/dynamodb/subscription-repository';
import { snsSmsOptOuts } from '../../../shared/adapters/sns/sns-sms-opt-outs';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import type { SchedulerDeps } from '../../scheduler/handler';
import { TableEnvSchema } from './env';
import { awsTable } from './table';

/** The table, and the channel queues the stack names. */
const SchedulerEnvSchema = TableEnvSchema.extend({ EMAIL_QUEUE_URL: z.url(), SMS_QUEUE_URL: z.url() });

/**
 * Wires the scheduler: publications, subscriptions, the digest index and
 * held messages on the table, the account's SMS opt-out list from SNS, and
 * the email and SMS queues digest runs and releases are queued on. No
 * secrets and no senders: it publishes, expires, pauses and queues, and
 * sends nothing itself.
 */
export function awsSchedulerDeps(env: NodeJS.ProcessEnv = process.env): SchedulerDeps {
  const config = SchedulerEnvSchema.parse(env);
  const { db, tableName } = awsTable(config);
  return {
    publications: new DynamoPublicationStore(db, tableName),
    subscriptions: new DynamoSubscriptionStore(db, tableName),
    digests: new DynamoDigestStore(db, tableName),
    held: new DynamoHeldMessageStore(db, tableName),
    deliveries: new DynamoDeliveryStore(db, tableName),
    requeue: sqsRequeue(new SQSClient({}), { email: config.EMAIL_QUEUE_URL, sms: config.SMS_QUEUE_URL }),
    smsOptOuts: snsSmsOptOuts(new SNSClient({})),
    clock: systemClock,
    ids: ulidIds(),
    logger: jsonLogger({ service: 'outpost-scheduler' }),
  };
}
