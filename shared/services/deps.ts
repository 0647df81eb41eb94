import type { AuditAction, AuditEntry } from '../domain/audit';
import type { Actor } from '../domain/lifecycle';
import type { AuditLog } from '../ports/audit-log';
import type { Clock, Ids } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { LinkSigner } from '../ports/link-signer';
import type { EmailSender, SmsSender } from '../ports/messaging';
import type { PublicationStore } from '../ports/publication-store';
import type { RateLimiter } from '../ports/rate-limiter';
import type { PersonalDataRequestStore } from '../ports/personal-data-request-store';
import type { SiteStore } from '../ports/site-store';
import type { SubscriptionStore } from '../ports/subscription-store';
import type { DeliveryStore } from '../ports/delivery-store';
import type { DigestStore } from '../ports/digest-store';
import type { HeldMessageStore } from '../ports/held-message-store';
import type { SafetyCheckStore } from '../ports/safety-check-store';
import type { OrganizationSettingsStore, TravelerStore } from '../ports/traveler-store';

/** What the services need from the outside world, as ports. */
export interface ServiceDeps {
  publications: PublicationStore;
  directory: Directory;
  auditLog: AuditLog;
  clock: Clock;
  ids: Ids;
  email: EmailSender;
  sms: SmsSender;
  links: LinkSigner;
  /** Public base URL for links in messages, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  subscriptions: SubscriptionStore;
  /** Delivery items (one per version and subscription) and their status counts. */
  deliveries: DeliveryStore;
  /** Messages held for subscribers' quiet hours. */
  held: HeldMessageStore;
  /** Digest subscribers by frequency and time zone. */
  digests: DigestStore;
  /** Counters behind the limits on confirmation and personal-data messages. */
  rateLimits: RateLimiter;
  /** Travelers, trips and the trip match index (duty of care). */
  travelers: TravelerStore;
  /** Each organization's duty-of-care settings. */
  organizationSettings: OrganizationSettingsStore;
  safetyChecks: SafetyCheckStore;
  /** Member organizations' sites. */
  sites: SiteStore;
  /** Open personal-data links and the addresses they were sent to. */
  personalDataRequests: PersonalDataRequestStore;
}

/** An acting person, with the key they used when there was one. */
export type ActingPerson = Actor & { keyId?: string | undefined };

/**
 * One audit entry. `organization` is the organization it concerns, whose
 * admins read it (`GET /v1/audit`): by default the acting person's; give it
 * for system actions on an organization's object (a member subscription
 * confirmed by its link, a scheduled publish). Without either, the entry is
 * for the platform's operators only (anonymous subscriptions).
 */
export function auditEntry(
  deps: Pick<ServiceDeps, 'ids'>,
  at: string,
  actor: ActingPerson | { system: string },
  action: AuditAction,
  target: AuditEntry['target'],
  details?: AuditEntry['details'],
  organization?: string,
): AuditEntry {
  const who: AuditEntry['actor'] =
    'system' in actor ? { system: actor.system } : { personId: actor.personId, orgId: actor.orgId, ...(actor.keyId ? { keyId: actor.keyId } : {}) };
  const orgId = organization ?? ('system' in actor ? undefined : actor.orgId);
  return { id: deps.ids.next(), at, action, actor: who, target, ...(details ? { details } : {}), ...(orgId ? { orgId } : {}) };
}
