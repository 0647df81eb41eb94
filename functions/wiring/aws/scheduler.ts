import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoPublicationStore } from '../../../shared/adapters/dynamodb/publication-repository';
import { DynamoSubscriptionStore } from '../../../shared/adapters/dynamodb/subscription-repository';
import { snsSmsOptOuts } from '../../../shared/adapters/sns/sns-sms-opt-outs';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import { asyncCorrelation } from '../../../shared/adapters/system/correlation-scope';
import type { SchedulerDeps } from '../../scheduler/handler';
import { TableEnvSchema } from './env';
import type { LambdaObservability } from './observability';
import { awsTable } from './table';

/**
 * Wires the scheduler: publications and subscriptions on the table, and the
 * account's SMS opt-out list from SNS. No secrets and no senders: it
 * publishes, expires and pauses, and sends nothing itself.
 */
export function awsSchedulerDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): SchedulerDeps {
  const { db, tableName } = awsTable(TableEnvSchema.parse(env), observability);
  return {
    publications: new DynamoPublicationStore(db, tableName, asyncCorrelation),
    subscriptions: new DynamoSubscriptionStore(db, tableName),
    smsOptOuts: snsSmsOptOuts(observability.traced(new SNSClient({}))),
    clock: systemClock,
    ids: ulidIds(),
    logger: observability.logger,
    correlation: asyncCorrelation,
  };
}
