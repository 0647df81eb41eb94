import type { AuditEntry } from '../domain/audit';
import type { AnswerChannel, SafetyAnswer, SafetyCheck, SafetyResponse } from '../domain/safety-check';
import type { TravelerChannel } from '../domain/traveler';
import type { Page } from './page';

/**
 * Safety checks, one response item per traveler asked, and the tokens of
 * their one-tap links. Every change to a response is conditional, so two
 * workers (the API and the scheduler) never send the same message twice.
 */
export interface SafetyCheckStore {
  /** Writes the check, its responses and their tokens. */
  create(check: SafetyCheck, responses: readonly SafetyResponse[], audit: AuditEntry[]): Promise<void>;
  get(id: string): Promise<SafetyCheck | undefined>;
  responses(checkId: string): Promise<SafetyResponse[]>;
  listByOrganization(orgId: string, limit: number, cursor?: string): Promise<Page<SafetyCheck>>;
  /** The response a link token belongs to. */
  byToken(token: string): Promise<SafetyResponse | undefined>;
  /** The traveler's newest response created on or after `since`. */
  latestFor(travelerId: string, since: string): Promise<SafetyResponse | undefined>;
  /**
   * Claims the first message to a traveler (once: false if it was claimed
   * before), recording the channels it goes out on.
   */
  claimFirstMessage(checkId: string, travelerId: string, channels: TravelerChannel[]): Promise<boolean>;
  /** Claims reminder round `round` for a traveler who has not answered (false if answered or claimed). */
  claimReminder(checkId: string, travelerId: string, round: number): Promise<boolean>;
  /**
   * Records an answer. `changed` is false when the response already had this
   * status; `previous` is the status before.
   */
  answer(checkId: string, travelerId: string, answer: SafetyAnswer, channel: AnswerChannel, at: string, audit: AuditEntry[]): Promise<{ changed: boolean; response: SafetyResponse } | undefined>;
  /** Checks whose next reminder round is due at `now`. */
  dueReminders(now: string, limit: number): Promise<SafetyCheck[]>;
  /** Moves a check to its next reminder round (conditional on `expected.remindersSent`); false when another run did. */
  advanceReminders(expected: SafetyCheck, next: Pick<SafetyCheck, 'remindersSent' | 'remindAt'>): Promise<boolean>;
  /** Deletes every response and token of a traveler (the traveler was deleted). */
  forgetTraveler(travelerId: string): Promise<void>;
  /** Every response of a traveler, newest check first. */
  responsesOf(travelerId: string): Promise<(SafetyResponse & { askedAt: string })[]>;
  /**
   * Keeps a traveler's answers in their checks' counts but drops everything
   * that leads back to the person: the name becomes ERASED_TRAVELER_NAME, the
   * one-tap token (and its link) and the traveler index go. Answers how many
   * responses it changed.
   */
  anonymiseTraveler(travelerId: string): Promise<number>;
}
