import * as z from 'zod';
import { AdvisoryLevelSchema } from './advisory-level';
import { KindSchema } from './publication-kind';
import { RegionSchema } from './region';
import { SharingSchema } from './sharing';

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
  })
  .strict();
export type Announcement = z.infer<typeof AnnouncementSchema>;
