import * as z from 'zod';

/**
 * When a subscription's messages may go out: at once, or gathered into a
 * daily or weekly digest; in which time zone its owner lives; and the quiet
 * hours during which nothing but the most urgent alerts may interrupt them.
 * A subscription without timing behaves as every subscription did before
 * (immediate, UTC, no quiet hours).
 */

export const FrequencySchema = z.enum(['immediate', 'daily', 'weekly']);
export type Frequency = z.infer<typeof FrequencySchema>;
export type DigestFrequency = Exclude<Frequency, 'immediate'>;

/** Whether a time zone name is one the runtime's IANA database knows. */
function knownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * An IANA time zone name as the database spells it ("Europe/Paris",
 * "America/Argentina/Buenos_Aires", "UTC"). Intl would accept any letter
 * case, but the name is also a storage key, so only the database's own
 * spelling is accepted (each segment starts with a capital letter).
 */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine((name) => /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/.test(name) && knownTimeZone(name), 'must be an IANA time zone name, e.g. Europe/Paris or America/New_York');

/** A wall-clock time, 24-hour. */
const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM, 24-hour, e.g. 22:00');

/** From `from` until `to`, local time; `to` before `from` spans midnight (22:00 → 07:00). */
export const QuietHoursSchema = z
  .object({ from: LocalTimeSchema, to: LocalTimeSchema })
  .strict()
  .refine((q) => q.from !== q.to, { path: ['to'], message: 'must differ from `from`' });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export interface DeliveryTiming {
  frequency: Frequency;
  timeZone: string;
  quietHours?: QuietHours;
}

const DEFAULT_TIMING: Readonly<DeliveryTiming> = { frequency: 'immediate', timeZone: 'UTC' };

/** A subscription's timing, with the defaults for subscriptions that never chose one. */
export function timingOf(subscription: { timing?: DeliveryTiming | undefined }): DeliveryTiming {
  return subscription.timing ?? DEFAULT_TIMING;
}

/** What a channel offers: digests need a message long enough for a list (email); quiet hours are for people (email, SMS), not systems. */
export interface TimingCapabilities {
  digests: boolean;
  quietHours: boolean;
}

/**
 * The timing fields of a create or manage body, as a channel allows them.
 * Refusals name the field and say why, rather than "unrecognized key".
 */
export function timingInputFields(capabilities: TimingCapabilities) {
  return {
    frequency: (capabilities.digests ? FrequencySchema : z.literal('immediate', { error: 'daily and weekly digests are sent by email only; this channel sends each alert at once' })).optional(),
    timeZone: TimeZoneSchema.optional(),
    // null: no quiet hours (a manage form clearing them).
    quietHours: (capabilities.quietHours ? QuietHoursSchema.nullable() : z.never({ error: 'quiet hours are for email and SMS subscriptions only' })).optional(),
  };
}

/** The timing a create or manage body asks for: its fields over `base` (the defaults, or what the subscription has); `quietHours: null` removes them. */
export function timingFrom(input: { frequency?: Frequency | undefined; timeZone?: string | undefined; quietHours?: QuietHours | null | undefined }, base: DeliveryTiming = DEFAULT_TIMING): DeliveryTiming {
  const quietHours = input.quietHours === null ? undefined : (input.quietHours ?? base.quietHours);
  return { frequency: input.frequency ?? base.frequency, timeZone: input.timeZone ?? base.timeZone, ...(quietHours ? { quietHours } : {}) };
}

/** A wall-clock reading of an instant in a zone. */
export interface LocalClock {
  /** YYYY-MM-DD. */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    // Zones are few and fixed; the cache only saves building a formatter per call.
    if (formatters.size < 1_000) formatters.set(timeZone, f);
  }
  return f;
}

/** The local date, time and weekday of `at` in `timeZone`. */
export function localClock(at: string | number, timeZone: string): LocalClock {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether `at` falls within the subscription's quiet hours (start included, end excluded). */
export function isQuietAt(timing: DeliveryTiming, at: string | number): boolean {
  if (!timing.quietHours) return false;
  const now = localClock(at, timing.timeZone).minutes;
  const from = minutesOf(timing.quietHours.from);
  const to = minutesOf(timing.quietHours.to);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/**
 * The instant the quiet hours under way at `at` end: local `to`, which a
 * clock change overnight moves by its size. One correction step lands on
 * the local time itself; a `to` the clock skips that night ends the quiet
 * hours shortly after the skip instead.
 */
export function quietHoursEnd(timing: DeliveryTiming, at: string | number): string {
  const start = Math.floor(new Date(at).getTime() / MINUTE_MS) * MINUTE_MS;
  const to = minutesOf(timing.quietHours?.to ?? '00:00');
  const ahead = (from: number) => (((to - from) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  let end = start + (ahead(localClock(start, timing.timeZone).minutes) || DAY_MINUTES) * MINUTE_MS;
  const drift = ahead(localClock(end, timing.timeZone).minutes);
  if (drift !== 0) {
    // A clock change moved local `to` by its size (an hour, rarely two), either way.
    const corrected = end + (drift <= DAY_MINUTES / 2 ? drift : drift - DAY_MINUTES) * MINUTE_MS;
    if (corrected > start && localClock(corrected, timing.timeZone).minutes === to) end = corrected;
  }
  return new Date(end).toISOString();
}
