import { DynamoSubscriptionStore } from '../../../shared/adapters/dynamodb/subscription-repository';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import type { SesFeedbackDeps } from '../../ses-feedback/handler';
import { TableEnvSchema } from './env';
import type { LambdaObservability } from './observability';
import { awsTable } from './table';

/** Wires the SES bounce/complaint handler: only the subscription store; it needs no secrets and sends nothing. */
export function awsSesFeedbackDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): SesFeedbackDeps {
  const { db, tableName } = awsTable(TableEnvSchema.parse(env), observability);
  return { subscriptions: new DynamoSubscriptionStore(db, tableName), clock: systemClock, ids: ulidIds(), logger: observability.logger };
}
