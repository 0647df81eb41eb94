import { SNSClient } from '@aws-sdk/client-sns';
import { httpWebhookSender } from '../../../shared/adapters/webhook/http-webhook-sender';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import { asyncCorrelation } from '../../../shared/adapters/system/correlation-scope';
import type { ApiDeps } from '../../http/env';
import { dynamoDeps } from '../dynamo-deps';
import { HttpEnvSchema, httpConfigOf } from './api';
import { awsEmailSender } from './email';
import { EmailEnvSchema, linkDeps, LinksEnvSchema, sessionSecretOf, SmsEnvSchema } from './env';
import type { LambdaObservability } from './observability';
import { awsSmsSender } from './sms';
import { awsTable } from './table';

const WebEnvSchema = HttpEnvSchema.extend({ ...LinksEnvSchema.shape, ...EmailEnvSchema.shape, ...SmsEnvSchema.shape });

/**
 * Wires the Web function (subscriptions, personal data, sign-in, the
 * console and the portal): every store on the table, SES for email, SNS for
 * SMS, signed links and cookies. Call after `loadAwsSecrets()`.
 */
export function awsWebDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): ApiDeps {
  const config = WebEnvSchema.parse(env);
  const { db, tableName } = awsTable(config, observability);
  return {
    ...dynamoDeps(db, tableName, systemClock, ulidIds(), asyncCorrelation),
    ...linkDeps(config),
    email: awsEmailSender(config, observability),
    sms: awsSmsSender(config, observability.traced(new SNSClient({}))),
    // The portal's test delivery to a member's webhook.
    webhooks: httpWebhookSender({ allowLoopback: false }),
    logger: observability.logger,
    correlation: asyncCorrelation,
    config: httpConfigOf(config, sessionSecretOf(config)),
  };
}
