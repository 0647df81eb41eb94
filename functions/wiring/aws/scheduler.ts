import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDirectory } from '../../../shared/adapters/dynamodb/directory-repository';
import { DynamoPublicationStore } from '../../../shared/adapters/dynamodb/publication-repository';
import { DynamoSafetyCheckStore } from '../../../shared/adapters/dynamodb/safety-check-repository';
import { DynamoSubscriptionStore } from '../../../shared/adapters/dynamodb/subscription-repository';
import { DynamoTravelerStore } from '../../../shared/adapters/dynamodb/traveler-repository';
import { snsSmsOptOuts } from '../../../shared/adapters/sns/sns-sms-opt-outs';
import { snsSmsSender } from '../../../shared/adapters/sns/sns-sms-sender';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import type { SchedulerDeps } from '../../scheduler/handler';
import { awsEmailSender } from './email';
import { BaseUrlEnvSchema, baseUrlOf, EmailEnvSchema, TableEnvSchema } from './env';
import { awsTable } from './table';

const SchedulerEnvSchema = TableEnvSchema.extend({ ...BaseUrlEnvSchema.shape, ...EmailEnvSchema.shape });

/**
 * Wires the scheduler: publications and subscriptions on the table, and the
 * account's SMS opt-out list from SNS; for safety-check reminders, the
 * checks and travelers on the table, SES for email and SNS for SMS. It
 * signs nothing: the reminders' answer links are the checks' own tokens.
 */
export function awsSchedulerDeps(env: NodeJS.ProcessEnv = process.env): SchedulerDeps {
  const config = SchedulerEnvSchema.parse(env);
  const { db, tableName } = awsTable(config);
  const sns = new SNSClient({});
  const logger = jsonLogger({ service: 'outpost-scheduler' });
  const clock = systemClock;
  const ids = ulidIds();
  return {
    publications: new DynamoPublicationStore(db, tableName),
    subscriptions: new DynamoSubscriptionStore(db, tableName),
    smsOptOuts: snsSmsOptOuts(sns),
    clock,
    ids,
    logger,
    safetyMessages: {
      safetyChecks: new DynamoSafetyCheckStore(db, tableName),
      travelers: new DynamoTravelerStore(db, tableName),
      directory: new DynamoDirectory(db, tableName),
      email: awsEmailSender(config),
      sms: snsSmsSender(sns),
      clock,
      ids,
      baseUrl: baseUrlOf(config),
      logger,
    },
  };
}
