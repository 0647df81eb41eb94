import { z } from 'zod';
import { AdvisoryLevelSchema } from './advisory-level';
import { CountryCodeSchema } from './country';
import { KindSchema, type Kind } from './publication-kind';
import { RegionSchema, type Region } from './region';

/** How a subscriber is reached. */
export const ChannelSchema = z.enum(['email', 'sms', 'webhook']);
export type Channel = z.infer<typeof ChannelSchema>;

/**
 * pending: waiting for its owner to open the confirmation link (email, SMS);
 * nothing but the confirmation goes to a pending address.
 * active: receives deliveries. suspended: bounced, complained or opted out (STOP).
 * unsubscribed: ended by its owner; kept only as long as the audit needs.
 */
export const SubscriptionStatusSchema = z.enum(['pending', 'active', 'suspended', 'unsubscribed']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>;

/** What a subscription wants; empty lists mean "any". */
export const SubscriptionFiltersSchema = z
  .object({
    countries: z.array(CountryCodeSchema).max(250).default([]),
    regions: z.array(RegionSchema).max(6).default([]),
    kinds: z.array(KindSchema).max(8).default([]),
    minLevel: AdvisoryLevelSchema.optional(),
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
  /** The member organization it belongs to; absent for anonymous (CLEAR-only) subscriptions. */
  orgId?: string;
  /** The person who created it, for member subscriptions. */
  createdBy?: string;
  filters: SubscriptionFilters;
  status: SubscriptionStatus;
  createdAt: string;
  confirmedAt?: string;
  suspendedReason?: string;
}

/**
 * The index scopes a subscription is filed under, so that matching is a
 * Query per country, per region and on the global partition, never a Scan.
 */
export function subscriptionScopes(filters: Pick<SubscriptionFilters, 'countries' | 'regions'>): string[] {
  if (filters.countries.length === 0 && filters.regions.length === 0) return ['global'];
  return [...filters.countries.map((c) => `c:${c}`), ...filters.regions.map((r) => `r:${r}`)];
}

/** What a published version offers to the matcher. */
export interface MatchTarget {
  kind: Kind;
  countries: readonly string[];
  regions: readonly Region[];
  level?: number | undefined;
}

/** Whether a subscription's kind and level filters accept a target (the scopes were matched by the index). */
export function acceptsTarget(filters: SubscriptionFilters, target: MatchTarget): boolean {
  if (filters.kinds.length > 0 && !filters.kinds.includes(target.kind)) return false;
  if (filters.minLevel !== undefined && target.kind === 'travel-advisory' && (target.level ?? 0) < filters.minLevel) return false;
  return true;
}
