import * as z from 'zod';
import { AdvisoryLevelSchema } from './advisory-level';
import { KindSchema } from './publication-kind';
import { RegionSchema } from './region';
import { SharingSchema } from './sharing';

/** A correlation id as it travels with work: letters, digits and `._:-`, at most 100. */
export const CorrelationIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/);

/**
 * The body of a message on the `publications` topic: one published version,
 * announced once by the stream handler. Workers parse it with this schema,
 * then read the version itself from the table for its content.
 */
export const AnnouncementSchema = z
  .object({
    publicationId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    version: z.number().int().positive(),
    kind: KindSchema,
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
    regions: z.array(RegionSchema),
    level: AdvisoryLevelSchema.optional(),
    sharing: SharingSchema,
    /** Organizations an AMBER item is shared with, besides the publisher's own. */
    recipients: z.array(z.string()).default([]),
    orgId: z.string(),
    major: z.boolean(),
    publishedAt: z.string(),
    /** The correlation id of the request (or scheduled run) that published the version, for logs down the pipeline. */
    correlationId: CorrelationIdSchema.optional(),
  })
  .strict();
export type Announcement = z.infer<typeof AnnouncementSchema>;
