import * as z from 'zod';
import { CountryCodeSchema } from './country';
import type { Version } from './publication';
import { oneLine } from './text';

/**
 * A trip: where a traveler will be, as date ranges per country. Dates are
 * calendar days (the traveler's local days, as itineraries give them); a
 * segment covers its `from` and `to` days inclusive.
 */

const DAY_MS = 86_400_000;
/** A segment longer than this is a posting, not a trip: it would keep its index items for years. */
const MAX_SEGMENT_DAYS = 366;
const MAX_SEGMENTS = 20;

const DateSchema = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

export const SegmentSchema = z
  .object({
    country: CountryCodeSchema,
    city: oneLine(100).optional(),
    from: DateSchema,
    to: DateSchema,
  })
  .strict()
  .superRefine((segment, ctx) => {
    if (segment.to < segment.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be on or after `from`' });
    else if (daysBetween(segment.from, segment.to) > MAX_SEGMENT_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_SEGMENT_DAYS} days after \`from\`` });
  });
export type Segment = z.infer<typeof SegmentSchema>;

/** The body of POST /v1/trips. */
export const CreateTripSchema = z
  .object({
    travelerId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a traveler id'),
    segments: z.array(SegmentSchema).min(1, 'must have at least one segment').max(MAX_SEGMENTS, `must have at most ${MAX_SEGMENTS} segments`),
  })
  .strict();
export type CreateTripInput = z.infer<typeof CreateTripSchema>;

export interface Trip {
  id: string;
  orgId: string;
  travelerId: string;
  segments: Segment[];
  /** The last day of the last segment: the trip is active until its end. */
  endsOn: string;
  createdAt: string;
  createdBy: string;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A day plus `days` (negative allowed), as YYYY-MM-DD. */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC day of an instant. */
export function dayOf(instant: string): string {
  return new Date(Date.parse(instant)).toISOString().slice(0, 10);
}

export function tripEnd(segments: readonly Segment[]): string {
  return segments.reduce((end, s) => (s.to > end ? s.to : end), segments[0]?.to ?? '');
}

/** The segments of a trip in one country, with the days they span there. */
export function segmentsIn(segments: readonly Segment[], country: string): Segment[] {
  return segments.filter((s) => s.country === country);
}

/** A period of days, both ends inclusive. */
export interface DayWindow {
  start: string;
  end: string;
}

/** Whether a segment's days meet the window's. */
export function overlaps(segment: Pick<Segment, 'from' | 'to'>, window: DayWindow): boolean {
  return segment.from <= window.end && segment.to >= window.start;
}

/** Days a travel advisory concerns a traveler for: from now to this many days ahead. */
const ADVISORY_HORIZON_DAYS = 30;
/** Days an alert without an end concerns from its start (or its publish day). */
const ALERT_DEFAULT_DAYS = 7;

/**
 * The days during which being in one of a publication's countries exposes a
 * traveler to it: a security alert's event window (from its publish day,
 * and for 7 days, where it gives none); a travel advisory's next 30 days
 * from `now`; any other kind, its publish day and the 7 days after.
 * Days are UTC days of the instants.
 */
export function exposureWindow(version: Pick<Version, 'content' | 'publishedAt'>, now: string): DayWindow {
  const c = version.content;
  if (c.kind === 'travel-advisory') return { start: dayOf(now), end: addDays(dayOf(now), ADVISORY_HORIZON_DAYS) };
  const start = dayOf(c.kind === 'security-alert' && c.eventStart ? c.eventStart : version.publishedAt);
  const end = c.kind === 'security-alert' && c.eventEnd ? dayOf(c.eventEnd) : addDays(start, ALERT_DEFAULT_DAYS);
  return { start, end: end < start ? start : end };
}

/** A trip as the API shows it. */
export function describeTrip(trip: Trip): Omit<Trip, 'orgId'> {
  const { orgId: _orgId, ...view } = trip;
  return view;
}
