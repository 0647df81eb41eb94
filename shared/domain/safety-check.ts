import * as z from 'zod';
import { CountryCodeSchema } from './country';
import { TravelerChannelSchema, type TravelerChannel } from './traveler';
import { prose } from './text';

/**
 * A safety check: a security manager asks every exposed traveler "are you
 * safe?" and watches the answers arrive. Each traveler gets a personal
 * one-tap link (`/r/<token>`) and, by SMS, the keywords SAFE and HELP.
 */

export const SafetyStatusSchema = z.enum(['no-response', 'safe', 'need-help']);
export type SafetyStatus = z.infer<typeof SafetyStatusSchema>;

/** How an answer arrived. */
export type AnswerChannel = 'link' | 'sms';

const DEFAULT_REMINDER_MINUTES = 30;
const MAX_REMINDERS = 3;
/** Reminders when a check names none: every 30 minutes, at most 3. */
export const DEFAULT_REMINDERS = { everyMinutes: DEFAULT_REMINDER_MINUTES, max: MAX_REMINDERS };
/** Safety checks and their answers are personal data of the organization: deleted this long after the check. */
export const SAFETY_CHECK_RETENTION_DAYS = 90;
/** A check answered by SMS keyword is the traveler's newest one sent within this many days. */
export const SMS_ANSWER_DAYS = 7;
/** One check reaches at most this many travelers (the API sends the first messages itself; the scheduler finishes). */
export const MAX_SAFETY_CHECK_TRAVELERS = 5_000;

/** The body of POST /v1/safety-checks: a publication's exposed travelers, or those in countries today. */
export const CreateSafetyCheckSchema = z
  .object({
    publicationId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a publication id').optional(),
    countries: z
      .array(CountryCodeSchema)
      .min(1, 'must name at least one country')
      .max(30)
      .refine((l) => new Set(l).size === l.length, 'must not repeat a country')
      .optional(),
    message: prose(500),
    channels: z
      .array(TravelerChannelSchema)
      .min(1)
      .max(2)
      .refine((l) => new Set(l).size === l.length, 'must not repeat a channel')
      .optional(),
    reminders: z
      .object({
        everyMinutes: z.number().int().min(5, 'must be at least 5 minutes').max(1440, 'must be at most 1440 minutes (a day)').default(DEFAULT_REMINDER_MINUTES),
        max: z.number().int().min(0).max(MAX_REMINDERS, `must be at most ${MAX_REMINDERS}`).default(MAX_REMINDERS),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.publicationId === undefined) === (v.countries === undefined)) ctx.addIssue({ code: 'custom', path: ['publicationId'], message: 'give either publicationId or countries' });
  });
export type CreateSafetyCheckInput = z.infer<typeof CreateSafetyCheckSchema>;

export interface SafetyCheck {
  id: string;
  orgId: string;
  createdAt: string;
  createdBy: string;
  publicationId?: string;
  countries: string[];
  message: string;
  channels: TravelerChannel[];
  reminderMinutes: number;
  maxReminders: number;
  /** Reminder rounds done so far. */
  remindersSent: number;
  /** When the next reminder round is due; absent once none is left. */
  remindAt?: string;
  /** Travelers asked. */
  travelers: number;
}

/** The name a response keeps once its traveler's address was erased: the answer still counts, the person is gone. */
export const ERASED_TRAVELER_NAME = 'Erased traveler';

/** One traveler's part of a check. */
export interface SafetyResponse {
  checkId: string;
  travelerId: string;
  name: string;
  /** The one-tap link's token (`/r/<token>`): the traveler's credential for this check. */
  token: string;
  status: SafetyStatus;
  respondedAt?: string;
  channel?: AnswerChannel;
  /** The channels the first message went out on; absent until it was sent. */
  sentOn?: TravelerChannel[];
  /** Reminder rounds that reached this traveler. */
  reminders: number;
}

/** What a one-tap answer or SMS keyword means. */
export type SafetyAnswer = 'safe' | 'need-help';

/** The answer a reply's keyword gives: its first word, SAFE or HELP in any case; anything else none. */
export function answerOfKeyword(text: string): SafetyAnswer | undefined {
  const word = text.trim().split(/\s+/)[0]?.toUpperCase().replace(/[^A-Z]/g, '');
  if (word === 'SAFE') return 'safe';
  if (word === 'HELP') return 'need-help';
  return undefined;
}

/** A response link token: 16 lower-case Crockford base32 characters (80 random bits), short enough for an SMS. */
export const ResponseTokenSchema = z.string().regex(/^[0-9a-hjkmnp-tv-z]{16}$/);

export interface SafetyCounts {
  safe: number;
  needHelp: number;
  noResponse: number;
}

function countAnswers(responses: readonly Pick<SafetyResponse, 'status'>[]): SafetyCounts {
  const counts: SafetyCounts = { safe: 0, needHelp: 0, noResponse: 0 };
  for (const r of responses) {
    if (r.status === 'safe') counts.safe += 1;
    else if (r.status === 'need-help') counts.needHelp += 1;
    else counts.noResponse += 1;
  }
  return counts;
}

/** The check as the API shows it, with each traveler's answer. */
export function describeSafetyCheck(check: SafetyCheck, responses: readonly SafetyResponse[]) {
  return {
    id: check.id,
    createdAt: check.createdAt,
    publicationId: check.publicationId ?? null,
    countries: check.countries,
    message: check.message,
    channels: check.channels,
    reminders: { everyMinutes: check.reminderMinutes, max: check.maxReminders, sent: check.remindersSent, next: check.remindAt ?? null },
    counts: countAnswers(responses),
    travelers: responses.map((r) => ({
      travelerId: r.travelerId,
      name: r.name,
      status: r.status,
      ...(r.respondedAt ? { respondedAt: r.respondedAt } : {}),
      ...(r.channel ? { channel: r.channel } : {}),
    })),
  };
}
