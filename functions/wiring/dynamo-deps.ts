import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log';
import { DynamoDirectory } from '../../shared/adapters/dynamodb/directory-repository';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/idempotency-repository';
import { DynamoPublicationStore } from '../../shared/adapters/dynamodb/publication-repository';
import { DynamoSessionStore } from '../../shared/adapters/dynamodb/session-repository';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter';
import { DynamoSearchIndexStore } from '../../shared/adapters/dynamodb/search-index-repository';
import { DynamoDeliveryStore } from '../../shared/adapters/dynamodb/delivery-repository';
import { DynamoDigestStore } from '../../shared/adapters/dynamodb/digest-repository';
import { DynamoHeldMessageStore } from '../../shared/adapters/dynamodb/held-message-repository';
import { DynamoPersonalDataRequestStore } from '../../shared/adapters/dynamodb/personal-data-request-repository';
import { DynamoSiteStore } from '../../shared/adapters/dynamodb/site-repository';
import { DynamoSubscriptionStore } from '../../shared/adapters/dynamodb/subscription-repository';
import { DynamoOrganizationSettingsStore } from '../../shared/adapters/dynamodb/organization-settings-repository';
import { DynamoSafetyCheckStore } from '../../shared/adapters/dynamodb/safety-check-repository';
import { DynamoTravelerStore } from '../../shared/adapters/dynamodb/traveler-repository';
import type { Clock, Ids } from '../../shared/ports/clock';
import type { CorrelationScope } from '../../shared/ports/correlation';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store';
import type { SearchIndexStore } from '../../shared/ports/search-index-store';
import type { SessionStore } from '../../shared/ports/session-store';
import type { ServiceDeps } from '../../shared/services/deps';

/** The DynamoDB-backed ports; the messaging ports differ between AWS and local and are added by the caller. */
export function dynamoDeps(
  db: DynamoDBDocumentClient,
  tableName: string,
  clock: Clock,
  ids: Ids,
  correlation?: CorrelationScope,
): Omit<ServiceDeps, 'email' | 'sms' | 'links' | 'baseUrl'> & { idempotency: IdempotencyStore; sessions: SessionStore; searchIndex: SearchIndexStore } {
  return {
    publications: new DynamoPublicationStore(db, tableName, correlation),
    directory: new DynamoDirectory(db, tableName),
    auditLog: new DynamoAuditLog(db, tableName, () => clock.now()),
    idempotency: new DynamoIdempotencyStore(db, tableName),
    sessions: new DynamoSessionStore(db, tableName),
    subscriptions: new DynamoSubscriptionStore(db, tableName),
    deliveries: new DynamoDeliveryStore(db, tableName),
    held: new DynamoHeldMessageStore(db, tableName),
    digests: new DynamoDigestStore(db, tableName),
    rateLimits: new DynamoRateLimiter(db, tableName),
    sites: new DynamoSiteStore(db, tableName),
    personalDataRequests: new DynamoPersonalDataRequestStore(db, tableName),
    searchIndex: new DynamoSearchIndexStore(db, tableName),
    travelers: new DynamoTravelerStore(db, tableName),
    organizationSettings: new DynamoOrganizationSettingsStore(db, tableName),
    safetyChecks: new DynamoSafetyCheckStore(db, tableName),
    clock,
    ids,
  };
}
