import * as z from 'zod';

/** The eight content kinds. Each value needs its entry in KINDS below; the compiler checks. */
export const KindSchema = z.enum([
  'travel-advisory',
  'security-alert',
  'country-report',
  'special-report',
  'announcement',
  'anniversary',
  'group-profile',
  'press-summary',
]);
export type Kind = z.infer<typeof KindSchema>;

/** What every place needs to know of a kind besides its content schema. */
export interface KindDefinition {
  /** As pages, feeds and messages name it. */
  label: string;
  /**
   * Publishing needs a second publisher's approval. Security alerts are
   * urgent and go out on one publisher's word.
   */
  needsApproval: boolean;
}

/**
 * Every kind. A value added to KindSchema fails the typecheck here, at the
 * content schemas (shared/domain/publication-content.ts) and at every
 * exhaustive switch over `content.kind`; docs/extending.md lists them.
 */
export const KINDS = {
  'travel-advisory': { label: 'Travel Advisory', needsApproval: true },
  'security-alert': { label: 'Security Alert', needsApproval: false },
  'country-report': { label: 'Country Crime and Safety Report', needsApproval: true },
  'special-report': { label: 'Special Report', needsApproval: true },
  announcement: { label: 'Announcement', needsApproval: false },
  anniversary: { label: 'Significant Anniversary', needsApproval: false },
  'group-profile': { label: 'Terrorist Group Profile', needsApproval: false },
  'press-summary': { label: 'Foreign Press Summary', needsApproval: false },
} as const satisfies Record<Kind, KindDefinition>;

export const KIND_LABELS: Readonly<Record<Kind, string>> = Object.fromEntries(KindSchema.options.map((kind) => [kind, KINDS[kind].label])) as Record<Kind, string>;

export function needsApproval(kind: Kind): boolean {
  return KINDS[kind].needsApproval;
}
