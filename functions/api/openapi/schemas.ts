import { AreaLevelSchema } from '../../../shared/domain/place';
import * as z from 'zod';
import { AdvisoryLevelSchema } from '../../../shared/domain/advisory-level';
import { SeveritySchema, UrgencySchema } from '../../../shared/domain/assessment';
import { KeyScopeSchema } from '../../../shared/domain/api-key';
import { CHANNEL_NAMES } from '../../../shared/domain/channel-name';
import { OrganizationTypeSchema } from '../../../shared/domain/organization';
import { PublicationContentSchema } from '../../../shared/domain/publication-content';
import { KindSchema } from '../../../shared/domain/publication-kind';
import { RegionSchema } from '../../../shared/domain/region';
import { RoleSchema, SharingSchema } from '../../../shared/domain/sharing';

/**
 * Zod schemas of what the API sends back, for the OpenAPI document only.
 * Request schemas are not here: routes declare the very schemas they
 * validate with. Schemas registered in {@link components} become named
 * `#/components/schemas/...` entries.
 */

export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI reference naming the problem, e.g. /problems/validation'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('The failing fields, for validation problems'),
  })
  .loose()
  .describe('RFC 9457 problem details');

const Links = z.object({ self: z.string(), versions: z.string(), page: z.string() });

const PublishedVersionSchema = z
  .looseObject({
    id: z.string(),
    kind: KindSchema,
    title: z.string(),
    countries: z.array(z.string()),
    countryNames: z.array(z.string()),
    regions: z.array(RegionSchema),
    summary: z.string(),
    body: z.string().describe('Markdown'),
    sharing: SharingSchema,
    urgency: UrgencySchema.describe('CAP urgency: set by the publisher, or the default for the kind and level'),
    severity: SeveritySchema.describe('CAP severity: set by the publisher, or the default for the kind and level (a Level 4 advisory is Extreme, a Level 1 Minor)'),
    organization: z.string(),
    version: z.number().int().describe('Counts the versions the caller may see: the public (TLP:CLEAR) versions for anonymous callers'),
    changeNote: z.string(),
    major: z.boolean(),
    publishedAt: z.string(),
    links: Links,
  })
  .describe("One published version; also carries the kind's own content fields (see PublicationContent).");

export const PublicationSchema = z
  .looseObject({
    id: z.string(),
    kind: KindSchema.optional(),
    version: z.number().int().nullable(),
    status: z
      .enum(['draft', 'submitted', 'approved', 'scheduled', 'published', 'archive-requested', 'archived', 'expired'])
      .describe('`archive-requested` is shown to the owning organization only; others see `published` until a second publisher confirms the archive.'),
    createdAt: z.string(),
    updatedAt: z.string().describe('For the owning organization, the last workflow change; for others, when what they can see last changed.'),
    firstPublishedAt: z.string().nullable().describe('When the first version the caller may see was published.'),
    archiveRequest: z.object({ requestedBy: z.string(), requestedAt: z.string() }).optional().describe('A pending request to archive, for the owning organization only'),
    restoreRequest: z.object({ requestedBy: z.string(), requestedAt: z.string() }).optional().describe('A pending request to unarchive, for the owning organization only'),
    endedAt: z.string().optional(),
    supersededBy: z.string().optional(),
    workflow: z.looseObject({ stage: z.string(), nextVersion: z.number().int() }).optional().describe('The working copy, for the owning organization only'),
    links: Links,
  })
  .describe('A publication as the caller may see it: its latest published version, plus the workflow for its own organization.');

export const VersionListSchema = z.object({ items: z.array(PublishedVersionSchema) });
export const VersionPageSchema = z.object({ items: z.array(PublishedVersionSchema), cursor: z.string().nullable() });

export const CountryListSchema = z.object({
  items: z.array(
    z.object({ code: z.string(), name: z.string(), region: RegionSchema, level: AdvisoryLevelSchema.nullable(), advisory: z.string().nullable(), updatedAt: z.string().nullable() }),
  ),
});

export const CountryDetailSchema = z.object({
  code: z.string(),
  name: z.string(),
  region: RegionSchema,
  level: AdvisoryLevelSchema.nullable(),
  advisory: PublishedVersionSchema.nullable(),
  recent: z.array(PublishedVersionSchema),
  areaLevels: z.array(AreaLevelSchema).optional().describe('Levels of parts of the country that differ from its level (from the current advisory); absent when there are none'),
});

export const HealthSchema = z.object({ status: z.literal('ok') });

const OrganizationSchema = z.looseObject({ id: z.string(), name: z.string(), type: OrganizationTypeSchema, createdAt: z.string() });

export const MeSchema = z.object({
  person: z.object({ id: z.string(), name: z.string(), role: RoleSchema }).nullable(),
  organization: OrganizationSchema.nullable(),
  keyId: z.string().nullable(),
});

export const OrganizationListSchema = z.object({ items: z.array(OrganizationSchema) });

export const ApiKeySchema = z.looseObject({ keyId: z.string(), personId: z.string(), orgId: z.string(), role: RoleSchema, name: z.string(), scopes: z.array(KeyScopeSchema), createdAt: z.string() });
export const NewApiKeySchema = ApiKeySchema.extend({ key: z.string().describe('The secret, shown once') });
export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) });

export const AuditPageSchema = z.object({ items: z.array(z.looseObject({ id: z.string(), at: z.string(), action: z.string() })), cursor: z.string().nullable() });

export const WorkbenchPageSchema = z.object({
  items: z.array(
    z.object({ id: z.string(), kind: KindSchema, title: z.string(), status: z.string().optional(), stage: z.string().nullable(), version: z.number().int().nullable(), updatedAt: z.string(), rev: z.number().int() }),
  ),
  cursor: z.string().nullable(),
});

const FieldChangeSchema = z.object({
  field: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  added: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
  changed: z.array(z.string()).optional().describe('Sections (by heading) whose text changed'),
});

export const VersionDiffSchema = z.object({
  from: z.number().int().nullable().describe('The earlier version compared against (the previous one the caller may see); null for the first'),
  to: z.number().int(),
  changeNote: z.string(),
  major: z.boolean(),
  changes: z.array(FieldChangeSchema),
});

const FacetCountsSchema = z.record(z.string(), z.number().int());

export const SearchResultSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: KindSchema,
      countries: z.array(z.string()),
      publishedAt: z.string().describe('When the newest version was published'),
      level: AdvisoryLevelSchema.optional().describe('Travel advisories only'),
      sharing: SharingSchema,
      status: z.enum(['published', 'archived', 'expired']).describe('archived and expired only with include=archived'),
      snippet: z.string().describe('HTML: a passage with the matched words in <mark>, everything else escaped'),
    }),
  ),
  total: z.number().int().describe('How many items match, all pages together'),
  facets: z.object({ kind: FacetCountsSchema, country: FacetCountsSchema, region: FacetCountsSchema, year: FacetCountsSchema }).describe('Counts of the matching items by kind, country, region and year published'),
  next: z.string().optional().describe('The cursor of the next page, when there is one'),
});

/** Named components: each appears once under `#/components/schemas` and is referenced from operations. */
export const components = z.registry<{ id: string }>();
components.add(ProblemSchema, { id: 'Problem' });
components.add(PublicationContentSchema, { id: 'PublicationContent' });
components.add(PublishedVersionSchema, { id: 'PublishedVersion' });
components.add(PublicationSchema, { id: 'Publication' });
components.add(ApiKeySchema, { id: 'ApiKey' });
components.add(OrganizationSchema, { id: 'Organization' });
components.add(FieldChangeSchema, { id: 'FieldChange' });
components.add(VersionDiffSchema, { id: 'VersionDiff' });

const ChannelDeliveryStatusSchema = z.object({
  state: z.enum(['none', 'planning', 'sending', 'done']).describe('`none`: the channel carries nothing of this version; `planning`: announced, not yet planned; `sending`: parts or recipients left; `done`: every matched recipient sent, failed or dead-lettered'),
  matched: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  deadLettered: z.number().int(),
  held: z.number().int().describe('Held for the subscribers’ quiet hours; each goes out when they end (or is replaced by a newer version)'),
  pending: z.number().int(),
  partsPlanned: z.number().int().describe('Index parts (scope × shard) the fan-out reads'),
  partsDone: z.number().int(),
  plannedAt: z.string().optional(),
  firstSettledAt: z.string().optional(),
  lastSettledAt: z.string().optional(),
  durationMs: z.number().int().optional().describe('From publication to the last delivery, once done'),
});

export const DeliveryStatusSchema = z.object({
  publicationId: z.string(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      publishedAt: z.string().optional(),
      major: z.boolean().optional(),
      // Every channel, by name (an object with each key, so the document lists them).
      channels: z.object(Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, ChannelDeliveryStatusSchema]))),
    }),
  ),
});

components.add(SearchResultSchema, { id: 'SearchResult' });
