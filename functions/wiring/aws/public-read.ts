import { DynamoDirectory } from '../../../shared/adapters/dynamodb/directory-repository';
import { DynamoPublicationStore } from '../../../shared/adapters/dynamodb/publication-repository';
import { DynamoSearchIndexStore } from '../../../shared/adapters/dynamodb/search-index-repository';
import { DynamoSessionStore } from '../../../shared/adapters/dynamodb/session-repository';
import { DynamoSiteStore } from '../../../shared/adapters/dynamodb/site-repository';
import { DynamoTravelerStore } from '../../../shared/adapters/dynamodb/traveler-repository';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import { asyncCorrelation } from '../../../shared/adapters/system/correlation-scope';
import type { AuditLog } from '../../../shared/ports/audit-log';
import type { DeliveryStore } from '../../../shared/ports/delivery-store';
import type { DigestStore } from '../../../shared/ports/digest-store';
import type { HeldMessageStore } from '../../../shared/ports/held-message-store';
import type { IdempotencyStore } from '../../../shared/ports/idempotency-store';
import type { SafetyCheckStore } from '../../../shared/ports/safety-check-store';
import type { OrganizationSettingsStore } from '../../../shared/ports/traveler-store';
import type { EmailSender, SmsSender } from '../../../shared/ports/messaging';
import type { PersonalDataRequestStore } from '../../../shared/ports/personal-data-request-store';
import type { RateLimiter } from '../../../shared/ports/rate-limiter';
import type { SubscriptionStore } from '../../../shared/ports/subscription-store';
import type { WebhookSender } from '../../../shared/ports/webhook-sender';
import type { ApiDeps } from '../../http/env';
import { notWired } from '../not-wired';
import { HttpEnvSchema, httpConfigOf } from './api';
import { LinksEnvSchema, linkDeps, sessionSecretOf } from './env';
import type { LambdaObservability } from './observability';
import { awsTable } from './table';

const PublicReadEnvSchema = HttpEnvSchema.extend(LinksEnvSchema.shape);

/**
 * Wires the PublicRead function (public pages, feeds, CAP, the reference,
 * the JSON reads): publications, the directory for API keys and sessions to
 * resolve a signed-in reader, travelers and sites for a member's exposure
 * panel, nothing that writes or sends. Call after
 * `loadAwsSecrets()`: the session cookie is verified with the link key.
 */
export function awsPublicReadDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): ApiDeps {
  const config = PublicReadEnvSchema.parse(env);
  const { db, tableName } = awsTable(config, observability);
  const fn = 'PublicRead';
  return {
    ...linkDeps(config),
    publications: new DynamoPublicationStore(db, tableName),
    directory: new DynamoDirectory(db, tableName),
    sessions: new DynamoSessionStore(db, tableName),
    searchIndex: new DynamoSearchIndexStore(db, tableName),
    // A signed-in member's publication page lists their exposed travelers and sites (reads only).
    travelers: new DynamoTravelerStore(db, tableName),
    sites: new DynamoSiteStore(db, tableName),
    organizationSettings: notWired<OrganizationSettingsStore>('organizationSettings', fn),
    safetyChecks: notWired<SafetyCheckStore>('safetyChecks', fn),
    held: notWired<HeldMessageStore>('held', fn),
    personalDataRequests: notWired<PersonalDataRequestStore>('personalDataRequests', fn),
    digests: notWired<DigestStore>('digests', fn),
    auditLog: notWired<AuditLog>('auditLog', fn),
    idempotency: notWired<IdempotencyStore>('idempotency', fn),
    deliveries: notWired<DeliveryStore>('deliveries', fn),
    subscriptions: notWired<SubscriptionStore>('subscriptions', fn),
    rateLimits: notWired<RateLimiter>('rateLimits', fn),
    email: notWired<EmailSender>('email', fn),
    sms: notWired<SmsSender>('sms', fn),
    webhooks: notWired<WebhookSender>('webhooks', fn),
    clock: systemClock,
    ids: ulidIds(),
    logger: observability.logger,
    correlation: asyncCorrelation,
    config: httpConfigOf(config, sessionSecretOf(config)),
  };
}
