import ICAL from 'ical.js';

/** What one VEVENT of an itinerary says, before it is checked: where, when, and who. */
export interface CalendarEvent {
  /** The line of the event's BEGIN:VEVENT (1-based). */
  line: number;
  /** X-OUTPOST-COUNTRY: an ISO code that wins over everything else. */
  countryCode?: string;
  location?: string;
  geo?: { lat: number; lon: number };
  /** First and last day, as the calendar gives them (an all-day DTEND is exclusive and already moved back a day). */
  from?: string;
  to?: string;
  /** The first ATTENDEE (else the ORGANIZER): the traveler, by email, with their name where given. */
  attendee?: { email: string; name?: string };
}

function day(time: ICAL.Time): string {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

function person(event: ICAL.Component): CalendarEvent['attendee'] {
  const property = event.getFirstProperty('attendee') ?? event.getFirstProperty('organizer');
  const value = property?.getFirstValue();
  if (typeof value !== 'string' || !/^mailto:/i.test(value)) return undefined;
  const cn = property?.getParameter('cn');
  const name = typeof cn === 'string' ? cn.trim() : undefined;
  return { email: value.replace(/^mailto:/i, '').trim(), ...(name ? { name } : {}) };
}

function dates(event: ICAL.Component): Pick<CalendarEvent, 'from' | 'to'> {
  const start = event.getFirstPropertyValue('dtstart');
  if (!(start instanceof ICAL.Time)) return {};
  const end = event.getFirstPropertyValue('dtend');
  let last = start;
  if (end instanceof ICAL.Time) {
    last = end.clone();
    // RFC 5545: an all-day event's DTEND is the day after its last day.
    if (end.isDate && end.compare(start) > 0) last.adjust(-1, 0, 0, 0);
  }
  return { from: day(start), to: day(last) };
}

function text(event: ICAL.Component, name: string): string | undefined {
  const value = event.getFirstPropertyValue(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Reads the VEVENTs of an iCalendar itinerary (RFC 5545), one trip each.
 * Throws only when the text is not iCalendar at all; what an event lacks is
 * left for the importer to report against its line.
 */
export function readItineraryCalendar(source: string): CalendarEvent[] {
  if (!/^\s*BEGIN:VCALENDAR\s*$/im.test(source)) throw new Error('not an iCalendar document');
  const root = new ICAL.Component(ICAL.parse(source) as unknown[]);
  const begins = source
    .split(/\r\n|\n|\r/)
    .flatMap((line, i) => (/^BEGIN:VEVENT\s*$/i.test(line) ? [i + 1] : []));
  return root.getAllSubcomponents('vevent').map((event, i) => {
    const geo = event.getFirstPropertyValue('geo');
    const attendee = person(event);
    const countryCode = text(event, 'x-outpost-country');
    const location = text(event, 'location');
    return {
      line: begins[i] ?? 0,
      ...(countryCode ? { countryCode } : {}),
      ...(location ? { location } : {}),
      ...(Array.isArray(geo) && geo.length === 2 && geo.every((n) => typeof n === 'number') ? { geo: { lat: geo[0] as number, lon: geo[1] as number } } : {}),
      ...dates(event),
      ...(attendee ? { attendee } : {}),
    };
  });
}
