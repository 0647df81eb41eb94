import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { z } from 'zod';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { systemClock, ulidIds } from '../../shared/adapters/system/clock';
import { jsonLogger } from '../../shared/adapters/system/json-logger';
import { hmacLinkSigner } from '../../shared/adapters/system/hmac-link-signer';
import { sesEmailSender } from '../../shared/adapters/ses/ses-email-sender';
import { snsSmsSender } from '../../shared/adapters/sns/sns-sms-sender';
import type { ServiceDeps } from '../../shared/services/deps';
import type { ApiDeps } from '../api/env';
import { dynamoDeps } from './dynamo-deps';

/** Lambda configuration, checked once at cold start. */
const EnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  PUBLIC_BASE_URL: z.url(),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(262_144),
  SENDER_EMAIL: z.email(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  LINK_SIGNING_SECRET: z.string().min(32),
});

const ServiceEnvSchema = EnvSchema.pick({ TABLE_NAME: true, SENDER_EMAIL: true, SES_CONFIGURATION_SET: true, LINK_SIGNING_SECRET: true, PUBLIC_BASE_URL: true });

/** SES and SNS SMS senders from the function's environment. */
function messaging(env: z.infer<typeof ServiceEnvSchema>) {
  return {
    email: sesEmailSender(new SESv2Client({}), env.SENDER_EMAIL, env.SES_CONFIGURATION_SET),
    sms: snsSmsSender(new SNSClient({})),
    links: hmacLinkSigner(env.LINK_SIGNING_SECRET),
    baseUrl: env.PUBLIC_BASE_URL.replace(/\/$/, ''),
  };
}

/** Wires the API for Lambda: DynamoDB in the account, logs to CloudWatch. */
export function awsApiDeps(env: NodeJS.ProcessEnv = process.env): ApiDeps {
  const config = EnvSchema.parse(env);
  const db = createDocumentClient({ tableName: config.TABLE_NAME });
  return {
    ...dynamoDeps(db, config.TABLE_NAME, systemClock, ulidIds()),
    ...messaging(config),
    logger: jsonLogger({ service: 'outpost-api' }),
    config: { mode: 'aws', baseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, ''), maxBodyBytes: config.MAX_BODY_BYTES },
  };
}

/** Wires the services alone, for workers such as the scheduler. */
export function awsServiceDeps(env: NodeJS.ProcessEnv = process.env): ServiceDeps {
  const config = ServiceEnvSchema.parse(env);
  return { ...dynamoDeps(createDocumentClient({ tableName: config.TABLE_NAME }), config.TABLE_NAME, systemClock, ulidIds()), ...messaging(config) };
}
