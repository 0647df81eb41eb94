/** One recorded action: who did what to which thing, when, with which key. */
export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  actor: { personId: string; orgId: string; keyId?: string } | { system: string };
  target: { type: 'publication' | 'api-key' | 'organization' | 'person' | 'subscription' | 'traveler' | 'trip' | 'safety-check' | 'site' | 'personal-data-request'; id: string };
  /** Non-personal facts about the change (status, version, kind). Never emails or phone numbers. */
  details?: Record<string, string | number | boolean | null>;
  /** The organization the entry concerns, whose admins may read it; absent for platform-only entries (anonymous subscriptions). */
  orgId?: string;
}

export type AuditAction =
  | 'publication.created'
  | 'publication.edited'
  | 'publication.submitted'
  | 'publication.approved'
  /** A reviewer sent the working copy back to its author (the comment stays on the working copy). */
  | 'publication.returned'
  | 'publication.scheduled'
  | 'publication.published'
  /** A publisher asked to archive a published item that needs a second publisher to withdraw it. */
  | 'publication.archive-requested'
  /** Archived; `details.requestedBy` names whose request a second publisher confirmed. */
  | 'publication.archived'
  | 'publication.superseded'
  /** A publisher asked to restore an archived item that needs a second publisher to restore it. */
  | 'publication.restore-requested'
  /** Archived, then restored to listings and feeds as it was; `details.requestedBy` as for archiving. */
  | 'publication.unarchived'
  | 'publication.expired'
  | 'api-key.created'
  | 'api-key.revoked'
  | 'subscription.created'
  | 'subscription.confirmed'
  /** Its owner changed the filters, through a manage link or the portal; `details` counts the scopes before and after, never an address. */
  | 'subscription.updated'
  /** Ended by its owner through an unsubscribe link (status `unsubscribed`). */
  | 'subscription.unsubscribed'
  /** Paused by the system: an SMS opt-out (STOP), an email bounce or complaint; `details.reason` says which. */
  | 'subscription.suspended'
  /** Paused, or resumed, by a member of its organization in the portal. */
  | 'subscription.paused'
  | 'subscription.resumed'
  /** Deleted for good by its owner's personal-data erasure (a member's DELETE is `subscription.deleted`). */
  | 'subscription.erased'
  | 'subscription.deleted'
  /** Someone holding a personal-data link read everything held for an address; the target is the link's request (or, for older links, its anchor subscription). */
  | 'personal-data.exported'
  /** An organization changed its duty-of-care settings (traveler alerts, security contacts, trip retention). */
  | 'organization.settings-updated'
  /** An address was erased from the organization's security contacts by its owner (system actor `personal-data-erasure`); `details.securityContacts` counts those left. */
  | 'organization.security-contact-erased'
  | 'traveler.created'
  | 'traveler.updated'
  /** Deleted with its trips and safety-check answers. */
  | 'traveler.deleted'
  /** Deleted by the personal-data erasure of its only address (system actor `personal-data-erasure`): its trips go, its safety-check answers stay anonymised. */
  | 'traveler.erased'
  /** One of its addresses was erased by its owner (system actor `personal-data-erasure`); `details.field` says which (`email`, `phone`), never the address. */
  | 'traveler.address-erased'
  /** The traveler stopped automatic alerts with the link in one (system actor `traveler-link`). */
  | 'traveler.alerts-stopped'
  /** Everything an organization holds about its travelers was exported; `details.travelers` counts them. */
  | 'traveler.exported'
  | 'trip.created'
  | 'trip.deleted'
  /** An itinerary import; `details` counts trips and travelers created and lines refused. */
  | 'trip.imported'
  | 'safety-check.created'
  /** A traveler answered (system actor `traveler-response`); `details` has the answer and how it came, never a number. */
  | 'safety-check.answered'
  /** A member organization added or removed a site; `details` carry its country, never its contacts. */
  | 'site.created'
  | 'site.deleted'
  /** An address was erased from a site's contacts by its owner (system actor `personal-data-erasure`); `details.contacts` counts the entries changed. */
  | 'site.contacts-erased';
