import ical, { ICalEventRepeatingFreq, type ICalRepeatingOptions } from 'ical-generator';
import { countryName } from '../domain/country';
import type { Version } from '../domain/publication';
import { publicationUrl, publicationUrn } from './feed-entry';
import { toDate } from './xml-text';

/**
 * The anniversaries calendar (RFC 5545), built with ical-generator, which
 * writes CRLF line endings, escapes TEXT values and folds lines at 75 octets
 * without splitting a UTF-8 sequence. What it leaves to us: the final CRLF
 * after END:VCALENDAR, and control characters, which TEXT may not contain.
 *
 * Each anniversary is one all-day event recurring every year on the original
 * date. An event on 29 February recurs on the last day of February, so it
 * is not silently skipped three years in four.
 */

/** Calendar-wide settings for {@link renderAnniversaries}. */
export interface AnniversaryCalendarOptions {
  /** The site's origin, for each event's URL. */
  baseUrl: string;
  /** The calendar's display name. */
  name?: string;
  /** How often clients should refresh, in seconds; one day by default. */
  refreshSeconds?: number;
}

const DEFAULT_NAME = 'Outpost: significant anniversaries';
const DESCRIPTION = 'Dates of past events that may prompt demonstrations or violence on their anniversary.';

// TEXT allows neither C0 controls (besides the newline, which escaping turns
// into \n) nor DEL; lone surrogates cannot be encoded at all.
const NOT_TEXT = /[^\t\n\u0020-\u007E\u0080-\uD7FF\uE000-\uFFFF\u{10000}-\u{10FFFF}]/gu;

function icalText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(NOT_TEXT, '');
}

/** UTC midnight of a calendar date (Date.UTC alone maps years 0–99 to 1900–1999). */
function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date;
}

/** The iCalendar UID of an anniversary: the publication's URN, the same in every version. */
export function anniversaryUid(publicationId: string): string {
  return publicationUrn(publicationId);
}

/**
 * Renders anniversary publications as an iCalendar feed: one yearly all-day
 * VEVENT per publication. When several versions of one publication are given
 * the latest wins; its DTSTAMP and LAST-MODIFIED are its publish time and its
 * SEQUENCE counts the amendments, so clients replace the event in place.
 *
 * @throws RangeError for a version that is not an anniversary.
 */
export function renderAnniversaries(versions: readonly Version[], options: AnniversaryCalendarOptions): string {
  const latest = new Map<string, Version>();
  for (const v of versions) {
    if (v.content.kind !== 'anniversary') throw new RangeError(`Not an anniversary: ${v.content.kind} ${v.id}`);
    const seen = latest.get(v.id);
    if (!seen || seen.version < v.version) latest.set(v.id, v);
  }

  const calendar = ical({
    name: icalText(options.name ?? DEFAULT_NAME),
    description: DESCRIPTION,
    prodId: { company: 'Outpost', product: 'Anniversaries', language: 'EN' },
    ttl: options.refreshSeconds ?? 24 * 60 * 60,
  });
  for (const v of latest.values()) {
    if (v.content.kind !== 'anniversary') continue;
    const { content } = v;
    const [year, month, day] = content.date.split('-').map(Number) as [number, number, number];
    const repeating: ICalRepeatingOptions = { freq: ICalEventRepeatingFreq.YEARLY };
    if (month === 2 && day === 29) {
      repeating.byMonth = 2;
      repeating.byMonthDay = -1;
    }
    const published = toDate(v.publishedAt);
    calendar.createEvent({
      id: anniversaryUid(v.id),
      sequence: v.version - 1,
      stamp: published,
      lastModified: published,
      // UTC midnight of the date: ical-generator writes all-day dates in UTC, whatever the host's zone.
      start: utcDate(year, month, day),
      allDay: true,
      repeating,
      summary: icalText(content.title),
      description: icalText(content.significance),
      location: icalText(content.countries.map(countryName).join(', ')),
      url: publicationUrl(options.baseUrl, v.id),
      categories: content.countries.map((cc) => ({ name: cc })),
    });
  }
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
