import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { DynamoDeliveryStore } from '../../../shared/adapters/dynamodb/delivery-repository';
import { DynamoDigestStore } from '../../../shared/adapters/dynamodb/digest-repository';
import { DynamoDirectory } from '../../../shared/adapters/dynamodb/directory-repository';
import { DynamoHeldMessageStore } from '../../../shared/adapters/dynamodb/held-message-repository';
import { sqsRequeue } from '../../../shared/adapters/sqs/sqs-requeue';
import { DynamoPublicationStore } from '../../../shared/adapters/dynamodb/publication-repository';
import { DynamoSafetyCheckStore } from '../../../shared/adapters/dynamodb/safety-check-repository';
import { DynamoSubscriptionStore } from '../../../shared/adapters/dynamodb/subscription-repository';
import { DynamoTravelerStore } from '../../../shared/adapters/dynamodb/traveler-repository';
import { snsSmsOptOuts } from '../../../shared/adapters/sns/sns-sms-opt-outs';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import { asyncCorrelation } from '../../../shared/adapters/system/correlation-scope';
import type { SchedulerDeps } from '../../scheduler/handler';
import { awsEmailSender } from './email';
import { BaseUrlEnvSchema, baseUrlOf, EmailEnvSchema, SmsEnvSchema, TableEnvSchema } from './env';
import { awsSmsSender } from './sms';
import type { LambdaObservability } from './observability';
import { awsTable } from './table';

/** The table, the base URL and email settings (safety-check reminders), and the channel queues the stack names (digests and releases). */
const SchedulerEnvSchema = TableEnvSchema.extend({ ...BaseUrlEnvSchema.shape, ...EmailEnvSchema.shape, ...SmsEnvSchema.shape, EMAIL_QUEUE_URL: z.url(), SMS_QUEUE_URL: z.url() });

/**
 * Wires the scheduler: publications, subscriptions, the digest index and
 * held messages on the table, and the account's SMS opt-out list from SNS;
 * the email and SMS queues digest runs and releases are queued on; for
 * safety-check reminders, the checks and travelers on the table, SES for
 * email and SNS for SMS. It signs nothing: the reminders' answer links are
 * the checks' own tokens.
 */
export function awsSchedulerDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): SchedulerDeps {
  const config = SchedulerEnvSchema.parse(env);
  const { db, tableName } = awsTable(config, observability);
  const sns = observability.traced(new SNSClient({}));
  const logger = observability.logger;
  const clock = systemClock;
  const ids = ulidIds();
  return {
    publications: new DynamoPublicationStore(db, tableName, asyncCorrelation),
    subscriptions: new DynamoSubscriptionStore(db, tableName),
    digests: new DynamoDigestStore(db, tableName),
    held: new DynamoHeldMessageStore(db, tableName),
    deliveries: new DynamoDeliveryStore(db, tableName),
    requeue: sqsRequeue(observability.traced(new SQSClient({})), { email: config.EMAIL_QUEUE_URL, sms: config.SMS_QUEUE_URL }),
    smsOptOuts: snsSmsOptOuts(sns),
    clock,
    ids,
    logger,
    correlation: asyncCorrelation,
    safetyMessages: {
      safetyChecks: new DynamoSafetyCheckStore(db, tableName),
      travelers: new DynamoTravelerStore(db, tableName),
      directory: new DynamoDirectory(db, tableName),
      email: awsEmailSender(config, observability),
      sms: awsSmsSender(config, sns),
      clock,
      ids,
      baseUrl: baseUrlOf(config),
      logger,
    },
  };
}
