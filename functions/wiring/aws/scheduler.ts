import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoPublicationStore } from '../../../shared/adapters/dynamodb/publication-repository';
import { DynamoSubscriptionStore } from '../../../shared/adapters/dynamodb/subscription-repository';
import { snsSmsOptOuts } from '../../../shared/adapters/sns/sns-sms-opt-outs';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import type { SchedulerDeps } from '../../scheduler/handler';
import { TableEnvSchema } from './env';
import { awsTable } from './table';

/**
 * Wires the scheduler: publications and subscriptions on the table, and the
 * account's SMS opt-out list from SNS. No secrets and no senders: it
 * publishes, expires and pauses, and sends nothing itself.
 */
export function awsSchedulerDeps(env: NodeJS.ProcessEnv = process.env): SchedulerDeps {
  const { db, tableName } = awsTable(TableEnvSchema.parse(env));
  return {
    publications: new DynamoPublicationStore(db, tableName),
    subscriptions: new DynamoSubscriptionStore(db, tableName),
    smsOptOuts: snsSmsOptOuts(new SNSClient({})),
    clock: systemClock,
    ids: ulidIds(),
    logger: jsonLogger({ service: 'outpost-scheduler' }),
  };
}
