/**
 * Remembers which published versions have been announced, so a redelivered
 * stream record announces nothing twice.
 *
 * A version's announcement is `pending` from the first attempt until the
 * topic accepted it, then `sent`. A `pending` record left by a crashed
 * attempt does not block the retry: publishing again may duplicate the topic
 * message, and the workers' per-(version, subscription) delivery records
 * absorb that duplicate.
 */
export interface AnnouncementStore {
  /**
   * Marks an attempt to announce the version: `proceed` when it was never
   * sent (first attempt, or a retry of a pending one), `already-sent` when
   * an earlier attempt finished.
   */
  begin(publicationId: string, version: number, at: string): Promise<'proceed' | 'already-sent'>;
  /** Records that the topic accepted the message; a no-op if it is already recorded as sent. */
  markSent(publicationId: string, version: number, messageId: string, at: string): Promise<void>;
  /** The announcement record, for operators and tests. */
  get(publicationId: string, version: number): Promise<AnnouncementRecord | undefined>;
}

export interface AnnouncementRecord {
  publicationId: string;
  version: number;
  state: 'pending' | 'sent';
  attempts: number;
  firstAttemptAt: string;
  sentAt?: string;
  messageId?: string;
}
