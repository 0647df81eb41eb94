import * as z from 'zod';
import { AdvisoryLevelSchema } from './advisory-level';
import { SeveritySchema, UrgencySchema } from './assessment';
import { CountryCodeSchema } from './country';
import { AreaLevelSchema, PlaceFields, placeRules } from './place';
import type { Kind } from './publication-kind';
import { RiskIndicatorSchema } from './risk-indicator';
import { SharingSchema } from './sharing';
import { markdownText, oneLine, oneLineOrEmpty, prose } from './text';

/**
 * What a publisher writes: the envelope shared by every kind plus each
 * kind's own fields. One schema validates the create body, the merged result
 * of a PATCH, and every stored version. Regions, ids, versions and status are
 * derived or assigned by Outpost and are refused as input (`.strict()`).
 */

const MAX_COUNTRIES = 30;
const MAX_BODY_CHARS = 40_000;


/** A calendar date, YYYY-MM-DD, that exists. */
const IsoDateSchema = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
/** An instant with an explicit offset, e.g. 2026-11-25T14:00:00Z. */
export const InstantSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-25T14:00:00Z' });
const OrgIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an organization id (ULID)');
const HttpUrlSchema = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000);

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max, `must have at most ${max} entries`)
    .refine((list) => new Set(list.map((x) => JSON.stringify(x))).size === list.length, 'must not repeat an entry');

const envelope = {
  // One-line fields reach email subjects, feed titles and SMS lines: no line breaks or control characters.
  title: oneLine(200),
  countries: uniqueList(CountryCodeSchema, MAX_COUNTRIES).refine((l) => l.length > 0, 'must name at least one country'),
  summary: prose(2_000),
  body: markdownText(MAX_BODY_CHARS),
  sharing: SharingSchema,
  recipients: uniqueList(OrgIdSchema, 50).optional(),
  expiresAt: InstantSchema.optional(),
  /** CAP urgency and severity as the publisher judges them; unset, they follow the kind's defaults (shared/domain/assessment.ts). */
  urgency: UrgencySchema.optional(),
  severity: SeveritySchema.optional(),
  ...PlaceFields,
};

export const SectionSchema = z.object({ heading: oneLine(200), body: markdownText(MAX_BODY_CHARS) }).strict();
export type Section = z.infer<typeof SectionSchema>;

export const AlertTypeSchema = z.enum([
  'demonstration',
  'crime',
  'terrorism',
  'civil-unrest',
  'health',
  'weather',
  'natural-disaster',
  'transport',
  'other',
]);

const AssistanceContactSchema = z
  .object({
    name: oneLine(200),
    phone: oneLineOrEmpty(50).optional(),
    email: z.email().max(200).optional(),
    url: HttpUrlSchema.optional(),
  })
  .strict();

export const DesignationSchema = z.enum(['FTO', 'SDGT', 'UN', 'EU', 'UK']);

const TravelAdvisoryContentSchema = z
  .object({
    kind: z.literal('travel-advisory'),
    ...envelope,
    level: AdvisoryLevelSchema,
    indicators: uniqueList(RiskIndicatorSchema, 9),
    areaLevels: z.array(AreaLevelSchema).min(1, 'must list at least one part (leave it out when the whole country has one level)').max(20).optional(),
  })
  .strict();

const SecurityAlertContentSchema = z
  .object({
    kind: z.literal('security-alert'),
    ...envelope,
    alertType: AlertTypeSchema.optional(),
    places: uniqueList(oneLine(200), 20).optional(),
    eventStart: InstantSchema.optional(),
    eventEnd: InstantSchema.optional(),
    actions: z.array(oneLine(500)).min(1, 'must list at least one action to take').max(20),
    assistance: z.array(AssistanceContactSchema).max(10).optional(),
  })
  .strict();

const CountryReportContentSchema = z
  .object({
    kind: z.literal('country-report'),
    ...envelope,
    year: z.number().int().min(1990).max(2100),
    sections: z.array(SectionSchema).min(1, 'must have at least one section').max(30),
  })
  .strict();

const SpecialReportContentSchema = z
  .object({
    kind: z.literal('special-report'),
    ...envelope,
    topics: uniqueList(oneLine(100), 10).optional(),
    sections: z.array(SectionSchema).max(30).optional(),
  })
  .strict();

const AnnouncementContentSchema = z
  .object({
    kind: z.literal('announcement'),
    ...envelope,
    link: HttpUrlSchema.optional(),
  })
  .strict();

const AnniversaryContentSchema = z
  .object({
    kind: z.literal('anniversary'),
    ...envelope,
    date: IsoDateSchema,
    significance: prose(2_000),
  })
  .strict();

const GroupProfileContentSchema = z
  .object({
    kind: z.literal('group-profile'),
    ...envelope,
    aliases: uniqueList(oneLine(200), 30),
    areasOfOperation: uniqueList(oneLine(200), 30),
    designations: uniqueList(DesignationSchema, 5),
    designatedOn: IsoDateSchema.optional(),
  })
  .strict();

const PressSummaryContentSchema = z
  .object({
    kind: z.literal('press-summary'),
    ...envelope,
    outlet: oneLine(200),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag, e.g. "es" or "pt-BR"'),
    link: HttpUrlSchema,
    articleDate: IsoDateSchema.optional(),
  })
  .strict();

const KIND_SCHEMAS = [
  TravelAdvisoryContentSchema,
  SecurityAlertContentSchema,
  CountryReportContentSchema,
  SpecialReportContentSchema,
  AnnouncementContentSchema,
  AnniversaryContentSchema,
  GroupProfileContentSchema,
  PressSummaryContentSchema,
] as const;

/** Rules across fields that a shape alone cannot say. */
function crossFieldRules(content: Record<string, unknown>, ctx: z.RefinementCtx): void {
  placeRules(content, ctx);
  const sharing = content.sharing;
  const recipients = content.recipients as string[] | undefined;
  if (recipients && recipients.length > 0 && sharing !== 'TLP:AMBER') {
    ctx.addIssue({ code: 'custom', path: ['recipients'], message: 'names organizations only for TLP:AMBER' });
  }
  if (content.kind === 'travel-advisory') {
    const countries = content.countries as string[];
    if (countries.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['countries'], message: 'a travel advisory names exactly one country' });
    }
    if (sharing !== 'TLP:CLEAR') {
      ctx.addIssue({ code: 'custom', path: ['sharing'], message: 'a travel advisory is public: it must be TLP:CLEAR' });
    }
  }
  if (content.kind === 'security-alert' && typeof content.eventStart === 'string' && typeof content.eventEnd === 'string') {
    if (Date.parse(content.eventEnd) < Date.parse(content.eventStart)) {
      ctx.addIssue({ code: 'custom', path: ['eventEnd'], message: 'must not be before eventStart' });
    }
  }
}

/** Any kind's content, discriminated on `kind`. */
export const PublicationContentSchema = z.discriminatedUnion('kind', KIND_SCHEMAS).superRefine(crossFieldRules);
export type PublicationContent = z.infer<typeof PublicationContentSchema>;

export type ContentOf<K extends PublicationContent['kind']> = Extract<PublicationContent, { kind: K }>;

/** Every field name any kind accepts, so a PATCH can be checked for unknown fields before merging. */
export const CONTENT_FIELD_NAMES: ReadonlySet<string> = new Set(KIND_SCHEMAS.flatMap((s) => Object.keys(s.shape)));

/**
 * One content schema per kind of KindSchema, no more and no fewer: a kind
 * without its schema above (or a schema for a kind that is not in the enum)
 * fails the typecheck here, naming the kind.
 */
type KindsWithSchema = (typeof KIND_SCHEMAS)[number]['shape']['kind']['value'];
const _oneSchemaPerKind: Record<Exclude<Kind, KindsWithSchema> | Exclude<KindsWithSchema, Kind>, never> = {};
