import type { Page } from './page';

/**
 * Phone numbers that opted out of SMS at the carrier (they replied STOP).
 * Adapters: SNS `ListPhoneNumbersOptedOut` in AWS; an in-memory list locally.
 * The numbers are personal data: never logged.
 */
export interface SmsOptOuts {
  /**
   * One page of opted-out numbers (E.164, e.g. `+254712345678`) and the
   * cursor of the next page, `null` after the last. Start without a cursor.
   */
  listOptedOut(cursor?: string): Promise<Page<string>>;
}

/**
 * Local mode's stand-in for the carrier's list: numbers are added as if they
 * had replied STOP (the dev route does), and the local SMS sender refuses
 * them as SNS would.
 */
export interface SmsOptOutList extends SmsOptOuts {
  optOut(phoneNumber: string): void;
  isOptedOut(phoneNumber: string): boolean;
}
