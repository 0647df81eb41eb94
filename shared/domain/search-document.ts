import * as z from 'zod';
import { countryName } from './country';
import { assertNever } from './exhaustive';
import type { PublicationContent } from './publication-content';
import { KindSchema } from './publication-kind';
import type { PublicationHead } from './publication';
import { RegionSchema } from './region';
import { SharingSchema } from './sharing';

/**
 * What the search index holds of one publication: its newest published
 * version, flattened to the fields search filters, facets, ranks and shows,
 * plus the head's `rev` so that changes applied out of order cannot put an
 * older state back. Built from a head only (never from a draft), so nothing
 * unpublished is ever searchable.
 */
export const SearchDocumentSchema = z.object({
  id: z.string().min(1),
  /** The head's revision when this was taken: a change with a lower rev is older and ignored. */
  rev: z.number().int().nonnegative(),
  version: z.number().int().positive(),
  kind: KindSchema,
  title: z.string(),
  countries: z.array(z.string()),
  regions: z.array(RegionSchema),
  publishedAt: z.string(),
  level: z.number().int().min(1).max(4).optional(),
  sharing: SharingSchema,
  orgId: z.string(),
  recipients: z.array(z.string()),
  status: z.enum(['published', 'archived', 'expired']),
  /** Country names: searched with the title's weight. */
  places: z.string(),
  /** Plain text of every searchable field but the title. */
  text: z.string(),
});
export type SearchDocument = z.infer<typeof SearchDocumentSchema>;

/** Lifecycle states that have a published version to search. */
const SEARCHABLE_STATES = new Set<PublicationHead['state']>(['published', 'archived', 'expired']);

/**
 * The search document of a head, or undefined while it has never been
 * published. Archived and expired heads stay searchable (with their
 * status) for `include=archived`.
 */
export function searchDocumentOf(head: PublicationHead): SearchDocument | undefined {
  const version = head.current;
  if (!version || !SEARCHABLE_STATES.has(head.state)) return undefined;
  const content = version.content;
  return {
    id: head.id,
    rev: head.rev,
    version: version.version,
    kind: content.kind,
    title: content.title,
    countries: [...content.countries],
    regions: [...version.regions],
    publishedAt: version.publishedAt,
    ...(content.kind === 'travel-advisory' ? { level: content.level } : {}),
    sharing: content.sharing,
    orgId: version.orgId,
    recipients: [...(content.recipients ?? [])],
    status: head.state as SearchDocument['status'],
    places: content.countries.map(countryName).join(' '),
    text: searchableText(content),
  };
}

/**
 * What a head change means for search: the new document when the change
 * published a version, archived, expired or superseded the item; nothing
 * for edits of a working copy, which change no published version.
 */
export function searchChangeOf(previous: PublicationHead | undefined, next: PublicationHead): SearchDocument | undefined {
  if (previous && previous.state === next.state && previous.current?.version === next.current?.version) return undefined;
  return searchDocumentOf(next);
}

/**
 * The words of a content that a reader would search for, as plain text:
 * the summary and body, then each kind's own prose. Structural values
 * (codes, dates, links, contact details) are left out.
 */
export function searchableText(content: PublicationContent): string {
  const parts: string[] = [content.summary, plainText(content.body)];
  switch (content.kind) {
    case 'travel-advisory':
    case 'announcement':
      break;
    case 'security-alert':
      parts.push(...(content.places ?? []), ...content.actions);
      break;
    case 'country-report':
      for (const section of content.sections) parts.push(section.heading, plainText(section.body));
      break;
    case 'special-report':
      parts.push(...(content.topics ?? []));
      for (const section of content.sections ?? []) parts.push(section.heading, plainText(section.body));
      break;
    case 'anniversary':
      parts.push(content.significance);
      break;
    case 'group-profile':
      parts.push(...content.aliases, ...content.areasOfOperation);
      break;
    case 'press-summary':
      parts.push(content.outlet);
      break;
    default:
      return assertNever(content, 'kind');
  }
  return parts.filter((part) => part.trim() !== '').join('\n');
}

/**
 * Markdown as the words a reader sees: link targets, emphasis, heading and
 * list markers and code fences dropped. Good enough for matching and
 * snippets; pages render the real Markdown.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/^[ \t]{0,3}(#{1,6}|>|[-*+]|\d+[.)])[ \t]+/gm, '')
    .replace(/```[^\n]*\n?|`/g, '')
    .replace(/(\*\*|__|\*|_|~~)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/gm, '')
    .replace(/\|/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
