import * as z from 'zod';

/** The eight content kinds. */
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

export const KIND_LABELS: Record<Kind, string> = {
  'travel-advisory': 'Travel Advisory',
  'security-alert': 'Security Alert',
  'country-report': 'Country Crime and Safety Report',
  'special-report': 'Special Report',
  announcement: 'Announcement',
  anniversary: 'Significant Anniversary',
  'group-profile': 'Terrorist Group Profile',
  'press-summary': 'Foreign Press Summary',
};

/**
 * Kinds whose publication needs a second publisher's approval. Security
 * alerts are urgent and go out on one publisher's word.
 */
const NEEDS_APPROVAL: ReadonlySet<Kind> = new Set(['travel-advisory', 'country-report', 'special-report']);

export function needsApproval(kind: Kind): boolean {
  return NEEDS_APPROVAL.has(kind);
}
