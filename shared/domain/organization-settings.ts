import * as z from 'zod';
import { AdvisoryLevelSchema } from './advisory-level';
import { EmailAddressSchema } from './email-address';
import type { Version } from './publication';

/**
 * What a member organization chooses about its duty of care: which
 * publications reach its travelers automatically, who hears at once when a
 * traveler needs help, and how long trips are kept after they end.
 */

/** The kinds that can reach travelers automatically: the urgent ones. */
export const TravelerAlertKindSchema = z.enum(['security-alert', 'travel-advisory']);
export type TravelerAlertKind = z.infer<typeof TravelerAlertKindSchema>;

const DEFAULT_TRIP_RETENTION_DAYS = 30;
const MAX_SECURITY_CONTACTS = 10;

export interface OrganizationSettings {
  travelerAlerts: {
    /** Travel advisories below this level do not reach travelers (security alerts always do, when their kind is chosen). */
    minLevel: number;
    /** Empty: no automatic traveler alerts. */
    kinds: TravelerAlertKind[];
  };
  /** Who is told at once when a traveler answers "I need help"; empty: every person of the organization. */
  securityContacts: string[];
  /** Trips (and their index items) are deleted this many days after they end. */
  tripRetentionDays: number;
}

export const DEFAULT_ORGANIZATION_SETTINGS: OrganizationSettings = {
  travelerAlerts: { minLevel: 2, kinds: ['security-alert', 'travel-advisory'] },
  securityContacts: [],
  tripRetentionDays: DEFAULT_TRIP_RETENTION_DAYS,
};

/** The body of PATCH /v1/organizations/me: any of the settings, each replaced whole. */
export const UpdateOrganizationSettingsSchema = z
  .object({
    travelerAlerts: z
      .object({
        minLevel: AdvisoryLevelSchema.optional(),
        kinds: z
          .array(TravelerAlertKindSchema)
          .max(2)
          .refine((l) => new Set(l).size === l.length, 'must not repeat a kind')
          .optional(),
      })
      .strict()
      .optional(),
    securityContacts: z
      .array(EmailAddressSchema)
      .max(MAX_SECURITY_CONTACTS, `must have at most ${MAX_SECURITY_CONTACTS} addresses`)
      .refine((l) => new Set(l).size === l.length, 'must not repeat an address')
      .optional(),
    tripRetentionDays: z.number().int().min(1, 'must be at least 1 day').max(365, 'must be at most 365 days').optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'must change at least one setting');
export type UpdateOrganizationSettingsInput = z.infer<typeof UpdateOrganizationSettingsSchema>;

export function applySettingsUpdate(current: OrganizationSettings, input: UpdateOrganizationSettingsInput): OrganizationSettings {
  return {
    travelerAlerts: { ...current.travelerAlerts, ...input.travelerAlerts },
    securityContacts: input.securityContacts ?? current.securityContacts,
    tripRetentionDays: input.tripRetentionDays ?? current.tripRetentionDays,
  };
}

/** Whether an organization's travelers should be alerted of this version at all (its kind and level; places and sharing are judged apart). */
export function wantsTravelerAlert(settings: OrganizationSettings, version: Pick<Version, 'content'>): boolean {
  const c = version.content;
  if (c.kind !== 'security-alert' && c.kind !== 'travel-advisory') return false;
  if (!settings.travelerAlerts.kinds.includes(c.kind)) return false;
  return c.kind !== 'travel-advisory' || c.level >= settings.travelerAlerts.minLevel;
}

/** The kinds that ever reach travelers, for planning (`wantsTravelerAlert` decides per organization). */
export function isTravelerAlertKind(kind: string): kind is TravelerAlertKind {
  return TravelerAlertKindSchema.safeParse(kind).success;
}
