import type { PublicationStatus } from '../../shared/domain/publication';

/** A publication's workflow status in words, for the console's tables and item page; one per status, checked by the compiler. */
export const STATUS_LABELS: Record<PublicationStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted – awaiting approval',
  approved: 'Approved – ready to publish',
  scheduled: 'Scheduled',
  published: 'Published',
  'archive-requested': 'Archive requested – awaiting a second publisher',
  archived: 'Archived',
  expired: 'Expired',
};
