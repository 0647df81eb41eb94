import * as z from 'zod';
import { CountryCodeSchema } from './country';
import { statusOf, type PublicationHead, type PublicationStatus } from './publication';
import { KindSchema } from './publication-kind';

const STATUSES = ['draft', 'submitted', 'approved', 'scheduled', 'published', 'archive-requested', 'archived', 'expired'] as const satisfies readonly PublicationStatus[];

/**
 * What a publisher looks for in the console: words in the title, summary
 * or body; kind; status (an amendment's stage counts too); country; author
 * (whoever created it or wrote its working copy). Empty fields match
 * everything; without a status, archived and expired items are left out
 * (they have their own view).
 */
export const WorkbenchFilterSchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    kind: KindSchema.optional(),
    status: z.enum(STATUSES).optional(),
    country: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .pipe(CountryCodeSchema)
      .optional(),
    author: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a person of your organization').optional(),
  })
  .strict();
export type WorkbenchFilter = z.infer<typeof WorkbenchFilterSchema>;

/** Lower case without diacritics, so "cote" finds "Côte". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function matchesWorkbenchFilter(head: PublicationHead, filter: WorkbenchFilter): boolean {
  const content = (head.working ?? head.current)?.content;
  const status = statusOf(head);
  if (filter.kind && head.kind !== filter.kind) return false;
  if (filter.status ? status !== filter.status && head.working?.stage !== filter.status : status === 'archived' || status === 'expired') return false;
  if (filter.country && !(content?.countries.includes(filter.country) || head.current?.content.countries.includes(filter.country))) return false;
  if (filter.author && head.createdBy !== filter.author && !head.working?.editors.includes(filter.author)) return false;
  if (filter.q) {
    const words = fold(filter.q).split(/\s+/).filter(Boolean);
    const text = fold([head.id, content?.title, content?.summary, content?.body].filter(Boolean).join('\n'));
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}
