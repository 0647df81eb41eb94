import * as z from 'zod';
import { SafetyStatusSchema } from '../../../shared/domain/safety-check';
import { TravelerAlertKindSchema } from '../../../shared/domain/organization-settings';
import { TravelerChannelSchema } from '../../../shared/domain/traveler';

/** Response schemas of the duty-of-care routes (travelers, trips, exposure, safety checks), for the OpenAPI document only. */

const SegmentViewSchema = z.object({ country: z.string(), city: z.string().optional(), from: z.string(), to: z.string() });

export const TravelerViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  channels: z.array(TravelerChannelSchema),
  alertsStopped: z.boolean().describe('The traveler stopped automatic alerts with the link in one; safety checks still reach them'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const TravelerPageSchema = z.object({ items: z.array(TravelerViewSchema), cursor: z.string().nullable() });

export const TripViewSchema = z.object({ id: z.string(), travelerId: z.string(), segments: z.array(SegmentViewSchema), endsOn: z.string(), createdAt: z.string(), createdBy: z.string() });

export const TripPageSchema = z.object({ items: z.array(TripViewSchema), cursor: z.string().nullable() });

export const ImportResultSchema = z.object({
  created: z.number().int().describe('Trips created'),
  travelers: z.number().int().describe('Travelers registered on the way (a line naming an email the organization had no traveler for)'),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })).describe('Each refused line, with its number in the file; the good lines were created'),
});

export const TravelerExportSchema = z.object({ exportedAt: z.string(), travelers: z.array(TravelerViewSchema.extend({ trips: z.array(TripViewSchema) })) });

export const ExposureSchema = z.object({
  publicationId: z.string(),
  window: z.object({ from: z.string(), to: z.string() }).describe('The days (inclusive) during which being in one of the countries exposes a traveler'),
  countries: z.array(z.string()),
  travelers: z.array(z.object({ travelerId: z.string(), name: z.string(), segments: z.array(SegmentViewSchema) })),
  count: z.number().int(),
});

export const OrganizationSettingsSchema = z.object({
  travelerAlerts: z.object({ minLevel: z.number().int(), kinds: z.array(TravelerAlertKindSchema) }),
  securityContacts: z.array(z.string()),
  tripRetentionDays: z.number().int(),
});

const CountsSchema = z.object({ safe: z.number().int(), needHelp: z.number().int(), noResponse: z.number().int() });

export const SafetyCheckCreatedSchema = z.object({
  id: z.string(),
  sent: z.number().int().describe('Travelers sent the question by this request'),
  pending: z.number().int().describe('Travelers the scheduler sends it to within a minute (a large check)'),
  travelers: z.number().int(),
});

export const SafetyCheckSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  publicationId: z.string().nullable(),
  countries: z.array(z.string()),
  message: z.string(),
  channels: z.array(TravelerChannelSchema),
  reminders: z.object({ everyMinutes: z.number().int(), max: z.number().int(), sent: z.number().int(), next: z.string().nullable() }),
  counts: CountsSchema,
  travelers: z.array(z.object({ travelerId: z.string(), name: z.string(), status: SafetyStatusSchema, respondedAt: z.string().optional(), channel: z.enum(['link', 'sms']).optional() })),
});

export const SafetyCheckPageSchema = z.object({
  items: z.array(z.object({ id: z.string(), createdAt: z.string(), publicationId: z.string().nullable(), countries: z.array(z.string()), message: z.string(), travelers: z.number().int() })),
  cursor: z.string().nullable(),
});

export const SmsReplySchema = z.object({ keyword: z.enum(['safe', 'need-help']).nullable(), answered: z.number().int() });
