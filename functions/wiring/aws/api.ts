import * as z from 'zod';
import { DynamoAuditLog } from '../../../shared/adapters/dynamodb/audit-log';
import { DynamoDeliveryStore } from '../../../shared/adapters/dynamodb/delivery-repository';
import { DynamoDirectory } from '../../../shared/adapters/dynamodb/directory-repository';
import { DynamoIdempotencyStore } from '../../../shared/adapters/dynamodb/idempotency-repository';
import { DynamoPublicationStore } from '../../../shared/adapters/dynamodb/publication-repository';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import { asyncCorrelation } from '../../../shared/adapters/system/correlation-scope';
import type { EmailSender, SmsSender } from '../../../shared/ports/messaging';
import type { LinkSigner } from '../../../shared/ports/link-signer';
import type { DigestStore } from '../../../shared/ports/digest-store';
import type { HeldMessageStore } from '../../../shared/ports/held-message-store';
import type { SafetyCheckStore } from '../../../shared/ports/safety-check-store';
import type { SiteStore } from '../../../shared/ports/site-store';
import type { OrganizationSettingsStore, TravelerStore } from '../../../shared/ports/traveler-store';
import type { PersonalDataRequestStore } from '../../../shared/ports/personal-data-request-store';
import type { WebhookSender } from '../../../shared/ports/webhook-sender';
import type { RateLimiter } from '../../../shared/ports/rate-limiter';
import type { SearchIndexStore } from '../../../shared/ports/search-index-store';
import type { SessionStore } from '../../../shared/ports/session-store';
import type { SubscriptionStore } from '../../../shared/ports/subscription-store';
import type { ApiConfig, ApiDeps } from '../../http/env';
import { notWired } from '../not-wired';
import { BaseUrlEnvSchema, TableEnvSchema, baseUrlOf } from './env';
import type { LambdaObservability } from './observability';
import { awsTable } from './table';

/** What every function serving HTTP parses: the table, the public base URL, the body limit. */
export const HttpEnvSchema = z.object({
  ...TableEnvSchema.shape,
  ...BaseUrlEnvSchema.shape,
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(262_144),
  /** Where the client address for rate limits comes from: CloudFront's viewer header (the origin is reachable only through CloudFront), or `none` for the API Gateway source address alone. */
  TRUSTED_CLIENT_HEADER: z.enum(['cloudfront-viewer-address', 'none']).default('cloudfront-viewer-address'),
  /** Sign-in and personal-data requests answer no sooner than this (ms), above an SES send's usual time, so timing does not tell known addresses from unknown ones. */
  MIN_ANSWER_MS: z.coerce.number().int().min(0).max(10_000).default(700),
});

/** The HTTP configuration every function serving HTTP shares; `sessionSecret` for those that keep sessions. */
export function httpConfigOf(config: z.infer<typeof HttpEnvSchema>, sessionSecret?: string): ApiConfig {
  return {
    mode: 'aws',
    baseUrl: baseUrlOf(config),
    maxBodyBytes: config.MAX_BODY_BYTES,
    minAnswerMs: config.MIN_ANSWER_MS,
    ...(config.TRUSTED_CLIENT_HEADER === 'none' ? {} : { trustedClientHeader: config.TRUSTED_CLIENT_HEADER }),
    ...(sessionSecret ? { sessionSecret } : {}),
  };
}

/**
 * Wires the Api function (the JSON API for keys: the publishing workflow,
 * account, audit, delivery status): its stores on the table and nothing
 * else. It sends no message, signs no link and keeps no session, so those
 * ports are not wired and no secret is read.
 */
export function awsApiDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): ApiDeps {
  const config = HttpEnvSchema.parse(env);
  const { db, tableName } = awsTable(config, observability);
  const clock = systemClock;
  const fn = 'Api';
  return {
    publications: new DynamoPublicationStore(db, tableName, asyncCorrelation),
    directory: new DynamoDirectory(db, tableName),
    auditLog: new DynamoAuditLog(db, tableName, () => clock.now()),
    idempotency: new DynamoIdempotencyStore(db, tableName),
    deliveries: new DynamoDeliveryStore(db, tableName),
    sessions: notWired<SessionStore>('sessions', fn),
    searchIndex: notWired<SearchIndexStore>('searchIndex', fn),
    subscriptions: notWired<SubscriptionStore>('subscriptions', fn),
    rateLimits: notWired<RateLimiter>('rateLimits', fn),
    email: notWired<EmailSender>('email', fn),
    sms: notWired<SmsSender>('sms', fn),
    links: notWired<LinkSigner>('links', fn),
    webhooks: notWired<WebhookSender>('webhooks', fn),
    sites: notWired<SiteStore>('sites', fn),
    travelers: notWired<TravelerStore>('travelers', fn),
    organizationSettings: notWired<OrganizationSettingsStore>('organizationSettings', fn),
    safetyChecks: notWired<SafetyCheckStore>('safetyChecks', fn),
    held: notWired<HeldMessageStore>('held', fn),
    personalDataRequests: notWired<PersonalDataRequestStore>('personalDataRequests', fn),
    digests: notWired<DigestStore>('digests', fn),
    clock,
    ids: ulidIds(),
    baseUrl: baseUrlOf(config),
    logger: observability.logger,
    correlation: asyncCorrelation,
    config: httpConfigOf(config),
  };
}
