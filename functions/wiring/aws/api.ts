import { SNSClient } from '@aws-sdk/client-sns';
import { createHmac } from 'node:crypto';
import * as z from 'zod';
import { snsSmsSender } from '../../../shared/adapters/sns/sns-sms-sender';
import { httpWebhookSender } from '../../../shared/adapters/webhook/http-webhook-sender';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import type { ApiDeps } from '../../http/env';
import { dynamoDeps } from '../dynamo-deps';
import { awsEmailSender } from './email';
import { EmailEnvSchema, LinksEnvSchema, TableEnvSchema, baseUrlOf, linkDeps } from './env';
import { awsTable } from './table';

const ApiEnvSchema = z.object({
  ...TableEnvSchema.shape,
  ...LinksEnvSchema.shape,
  ...EmailEnvSchema.shape,
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(262_144),
  /** Signs session cookies; derived from LINK_SIGNING_SECRET when not set, so one secret suffices. */
  SESSION_SIGNING_SECRET: z.string().min(32).optional(),
  /** Where the client address for rate limits comes from: CloudFront's viewer header (the origin is reachable only through CloudFront), or `none` for the API Gateway source address alone. */
  TRUSTED_CLIENT_HEADER: z.enum(['cloudfront-viewer-address', 'none']).default('cloudfront-viewer-address'),
  /** Sign-in and personal-data requests answer no sooner than this (ms), above an SES send's usual time, so timing does not tell known addresses from unknown ones. */
  MIN_ANSWER_MS: z.coerce.number().int().min(0).max(10_000).default(700),
});

/**
 * Wires the API (both `Api` and `PublicRead`) for Lambda: every store on the
 * table, SES for email, SNS for SMS, signed links and cookies. Call after
 * `loadAwsSecrets()`; configuration is checked here, once.
 */
export function awsApiDeps(env: NodeJS.ProcessEnv = process.env): ApiDeps {
  const config = ApiEnvSchema.parse(env);
  const { db, tableName } = awsTable(config);
  return {
    ...dynamoDeps(db, tableName, systemClock, ulidIds()),
    ...linkDeps(config),
    email: awsEmailSender(config),
    sms: snsSmsSender(new SNSClient({})),
    webhooks: httpWebhookSender({ allowLoopback: false }),
    logger: jsonLogger({ service: 'outpost-api' }),
    config: {
      mode: 'aws',
      baseUrl: baseUrlOf(config),
      maxBodyBytes: config.MAX_BODY_BYTES,
      minAnswerMs: config.MIN_ANSWER_MS,
      ...(config.TRUSTED_CLIENT_HEADER === 'none' ? {} : { trustedClientHeader: config.TRUSTED_CLIENT_HEADER }),
      sessionSecret: config.SESSION_SIGNING_SECRET ?? createHmac('sha256', config.LINK_SIGNING_SECRET).update('outpost session cookie').digest('base64url'),
    },
  };
}
