import * as z from 'zod';
import { AdvisoryLevelSchema, levelName } from './advisory-level';
import { meetsSeverity, type Severity } from './assessment';
import type { Channel } from './channel';
import { countryName, CountryCodeSchema } from './country';
import { timingOf, type DeliveryTiming, type Frequency, type QuietHours } from './delivery-timing';
import { KIND_LABELS, KindSchema, type Kind } from './publication-kind';
import { RegionSchema, regionName, type Region } from './region';
import { describePlace, PlaceInputFields, PlacedNearSchema, PlacedSiteSchema, placeCountries } from './subscription-place';

/**
 * pending: waiting for its owner to open the confirmation link (email, SMS);
 * nothing but the confirmation goes to a pending address.
 * active: receives deliveries. suspended: bounced, complained or opted out (STOP).
 * unsubscribed: ended by its owner; kept only as long as the audit needs.
 */
export const SubscriptionStatusSchema = z.enum(['pending', 'active', 'suspended', 'unsubscribed']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>;

/**
 * At most this many countries and regions together: activating a
 * subscription writes one index item per scope in one transaction (100
 * items). Wider interest is a region or everything (both lists empty).
 */
export const MAX_SCOPES = 90;

/** Every region or kind at most once: the lists cannot be longer than their enums. */
const MAX_REGIONS = RegionSchema.options.length;
const MAX_KINDS = KindSchema.options.length;

/** The least severe items a subscription wants; `Unknown` is not on the scale (see `meetsSeverity`). */
export const MinSeveritySchema = z.enum(['Minor', 'Moderate', 'Severe', 'Extreme']);

/** What a subscription wants; empty lists mean "any". */
export const SubscriptionFiltersSchema = z
  .object({
    countries: z.array(CountryCodeSchema).max(MAX_SCOPES).default([]),
    regions: z.array(RegionSchema).max(MAX_REGIONS).default([]),
    kinds: z.array(KindSchema).max(MAX_KINDS).default([]),
    minLevel: AdvisoryLevelSchema.optional(),
    minSeverity: MinSeveritySchema.optional(),
    near: PlacedNearSchema.optional(),
    sites: z.array(PlacedSiteSchema).optional(),
  })
  .strict();
export type SubscriptionFilters = z.infer<typeof SubscriptionFiltersSchema>;

export interface Subscription {
  id: string;
  channel: Channel;
  /** Email address or E.164 phone number; absent for webhooks. Personal data: never logged. */
  address?: string;
  /** Webhook endpoint; absent for email and SMS. */
  url?: string;
  /** Webhook signing secret: shown once at creation, never presented or logged again. */
  secret?: string;
  /**
   * SMS only: the short random code of the unsubscribe link `/u/<code>` in
   * every alert (a signed token is too long for two segments). Unguessable,
   * single-purpose, and gone when the subscription is.
   */
  unsubscribeCode?: string;
  /** The member organization it belongs to; absent for anonymous (CLEAR-only) subscriptions. */
  orgId?: string;
  /** The person who created it, for member subscriptions. */
  createdBy?: string;
  filters: SubscriptionFilters;
  /** When messages go out (digests, time zone, quiet hours); absent: at once, UTC, no quiet hours. */
  timing?: DeliveryTiming;
  status: SubscriptionStatus;
  createdAt: string;
  confirmedAt?: string;
  /** When the status last changed. */
  updatedAt?: string;
  suspendedReason?: string;
}

/**
 * The index scopes a subscription is filed under, so that matching is a
 * Query per country, per region and on the global partition, never a Scan.
 */
export function subscriptionScopes(filters: Pick<SubscriptionFilters, 'countries' | 'regions' | 'near' | 'sites'>): string[] {
  const countries = [...new Set([...filters.countries, ...placeCountries(filters)])];
  if (countries.length === 0 && filters.regions.length === 0) return ['global'];
  return [...countries.map((c) => `c:${c}`), ...filters.regions.map((r) => `r:${r}`)];
}

/** What a published version offers to the matcher. */
export interface MatchTarget {
  kind: Kind;
  countries: readonly string[];
  regions: readonly Region[];
  level?: number | undefined;
  /** The item's CAP severity (the publisher's or its kind's default). */
  severity: Severity;
}

/** Whether a subscription's kind, level and severity filters accept a target (the scopes were matched by the index). */
export function acceptsTarget(filters: SubscriptionFilters, target: MatchTarget): boolean {
  if (filters.kinds.length > 0 && !filters.kinds.includes(target.kind)) return false;
  if (filters.minLevel !== undefined && target.kind === 'travel-advisory' && (target.level ?? 0) < filters.minLevel) return false;
  if (!meetsSeverity(target.severity, filters.minSeverity)) return false;
  return true;
}

/** Which status changes are allowed; anything else is a conflict. */
const TRANSITIONS: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  pending: ['active', 'unsubscribed'],
  active: ['suspended', 'unsubscribed'],
  suspended: ['active', 'unsubscribed'],
  unsubscribed: [],
};

export function canTransition(from: SubscriptionStatus, to: SubscriptionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** An SMS unsubscribe code: 10 characters of lower-case Crockford base32 (50 random bits). */
export const UnsubscribeCodeSchema = z.string().regex(/^[0-9a-hjkmnp-tv-z]{10}$/);

/** How long a confirmation link works. */
export const CONFIRMATION_DAYS = 7;
/** A pending subscription nobody confirmed is deleted a day after its link expires. */
const PENDING_RETENTION_DAYS = CONFIRMATION_DAYS + 1;
/** An unsubscribed subscription is kept this long (so its links answer sensibly), then deleted. */
const UNSUBSCRIBED_RETENTION_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * Until when a subscription's personal data is kept, or undefined for as
 * long as it is wanted (active, suspended). The store deletes it then (TTL).
 */
export function retainUntil(subscription: Pick<Subscription, 'status' | 'createdAt' | 'updatedAt'>): string | undefined {
  if (subscription.status === 'pending') return new Date(Date.parse(subscription.createdAt) + PENDING_RETENTION_DAYS * DAY_MS).toISOString();
  if (subscription.status === 'unsubscribed') {
    return new Date(Date.parse(subscription.updatedAt ?? subscription.createdAt) + UNSUBSCRIBED_RETENTION_DAYS * DAY_MS).toISOString();
  }
  return undefined;
}

/** The filter fields of a create or update body, each optional; every channel's create schema spreads them. */
export const FilterInputFields = {
  countries: z.array(CountryCodeSchema).max(MAX_SCOPES).optional(),
  regions: z.array(RegionSchema).max(MAX_REGIONS).optional(),
  kinds: z.array(KindSchema).max(MAX_KINDS).optional(),
  minLevel: AdvisoryLevelSchema.optional(),
  minSeverity: MinSeveritySchema.optional(),
  ...PlaceInputFields,
};

/** The filters the manage page posts: the same fields and limits as creation, nothing else. */
export const UpdateSubscriptionFiltersSchema = z.object(FilterInputFields).strict();
export type UpdateSubscriptionFiltersInput = z.infer<typeof UpdateSubscriptionFiltersSchema>;

/**
 * How many index items a filter change writes and deletes on an active
 * subscription: every new scope is rewritten (the items carry a copy of the
 * filters) and every scope no longer wanted is deleted. With the subscription
 * item and its audit entry this must fit one transaction, so it is bounded
 * by MAX_SCOPES like activation.
 */
export function scopeRewriteSize(from: Pick<SubscriptionFilters, 'countries' | 'regions' | 'near' | 'sites'>, to: Pick<SubscriptionFilters, 'countries' | 'regions' | 'near' | 'sites'>): number {
  const next = subscriptionScopes(to);
  const kept = new Set(next);
  return next.length + subscriptionScopes(from).filter((scope) => !kept.has(scope)).length;
}

/** Filters from a create or update body: duplicates dropped, lists sorted, so index keys are unique. The place (`near`, `sites`) is resolved by shared/services/resolve-subscription-place.ts. */
export function filtersOf(input: UpdateSubscriptionFiltersInput): SubscriptionFilters {
  const unique = <T extends string>(list: readonly T[] | undefined): T[] => [...new Set(list ?? [])].sort();
  return {
    countries: unique(input.countries),
    regions: unique(input.regions),
    kinds: unique(input.kinds),
    ...(input.minLevel !== undefined ? { minLevel: input.minLevel } : {}),
    ...(input.minSeverity !== undefined ? { minSeverity: input.minSeverity } : {}),
  };
}

/** "Kenya, Africa; Travel advisory; level 3 and above" — what a subscription asked for, in words people use (kind names, not codes). */
export function describeFilters(filters: SubscriptionFilters): string {
  const places = [...filters.countries.map(countryName), ...filters.regions.map(regionName)];
  const parts = [describePlace(filters) ?? (places.length ? places.join(', ') : 'every country')];
  if (filters.kinds.length) parts.push(filters.kinds.map((kind) => KIND_LABELS[kind]).join(', '));
  if (filters.minLevel !== undefined) parts.push(`travel advisories at level ${filters.minLevel} (${levelName(filters.minLevel)}) and above`);
  if (filters.minSeverity !== undefined) parts.push(`severity ${filters.minSeverity} and above`);
  return parts.join('; ');
}

/** A subscription as the API shows it. Never the secret; the address only to its owner's organization. */
export interface SubscriptionView {
  id: string;
  channel: Channel;
  status: SubscriptionStatus;
  address?: string;
  url?: string;
  orgId: string | null;
  createdBy: string | null;
  countries: string[];
  regions: string[];
  kinds: string[];
  minLevel: number | null;
  minSeverity: string | null;
  frequency: Frequency;
  timeZone: string;
  quietHours: QuietHours | null;
  near?: { lat: number; lon: number; radiusKm: number; country: string };
  sites?: string[];
  createdAt: string;
  confirmedAt: string | null;
}

export function describeSubscription(subscription: Subscription, options: { showAddress: boolean }): SubscriptionView {
  const { filters } = subscription;
  const timing = timingOf(subscription);
  return {
    id: subscription.id,
    channel: subscription.channel,
    status: subscription.status,
    ...(options.showAddress && subscription.address ? { address: subscription.address } : {}),
    ...(subscription.url ? { url: subscription.url } : {}),
    orgId: subscription.orgId ?? null,
    createdBy: subscription.createdBy ?? null,
    countries: filters.countries,
    regions: filters.regions,
    kinds: filters.kinds,
    minLevel: filters.minLevel ?? null,
    minSeverity: filters.minSeverity ?? null,
    frequency: timing.frequency,
    timeZone: timing.timeZone,
    quietHours: timing.quietHours ?? null,
    ...(filters.near ? { near: { lat: filters.near.lat, lon: filters.near.lon, radiusKm: filters.near.radiusKm, country: filters.near.country } } : {}),
    ...(filters.sites?.length ? { sites: filters.sites.map((s) => s.id) } : {}),
    createdAt: subscription.createdAt,
    confirmedAt: subscription.confirmedAt ?? null,
  };
}
