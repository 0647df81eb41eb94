import { DynamoDirectory } from '../../../shared/adapters/dynamodb/directory-repository';
import { DynamoOrganizationSettingsStore } from '../../../shared/adapters/dynamodb/organization-settings-repository';
import { DynamoSafetyCheckStore } from '../../../shared/adapters/dynamodb/safety-check-repository';
import { DynamoTravelerStore } from '../../../shared/adapters/dynamodb/traveler-repository';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import type { SmsSender } from '../../../shared/ports/messaging';
import type { InboundSmsDeps } from '../../inbound-sms/handler';
import { notWired } from '../not-wired';
import { awsEmailSender } from './email';
import { BaseUrlEnvSchema, baseUrlOf, EmailEnvSchema, TableEnvSchema } from './env';
import type { LambdaObservability } from './observability';
import { awsTable } from './table';

const InboundSmsEnvSchema = TableEnvSchema.extend({ ...BaseUrlEnvSchema.shape, ...EmailEnvSchema.shape });

/**
 * Wires the inbound SMS worker: the safety checks, travelers, directory
 * and organization settings on the table, and SES, because a new "I need
 * help" emails the organization's security contacts at once (with a link
 * to the check's page, hence the base URL). Answering texts no one, so SMS
 * is not wired and the role holds no SNS action.
 */
export function awsInboundSmsDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): InboundSmsDeps {
  const config = InboundSmsEnvSchema.parse(env);
  const { db, tableName } = awsTable(config, observability);
  return {
    safetyChecks: new DynamoSafetyCheckStore(db, tableName),
    travelers: new DynamoTravelerStore(db, tableName),
    directory: new DynamoDirectory(db, tableName),
    organizationSettings: new DynamoOrganizationSettingsStore(db, tableName),
    email: awsEmailSender(config, observability),
    sms: notWired<SmsSender>('sms', 'InboundSms'),
    clock: systemClock,
    ids: ulidIds(),
    baseUrl: baseUrlOf(config),
    logger: observability.logger,
  };
}
