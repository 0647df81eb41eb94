import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { anniversaryUid, renderAnniversaries } from '../../../shared/formats/ical';
import { alertInput, anniversaryInput, BASE_URL, HOSTILE, versionOf } from './fixtures';
import { assertProperty } from '../../support/property';

const OPTS = { baseUrl: BASE_URL };

function eventsOf(text: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

/** Content lines of an iCalendar text, split on CRLF only, without the empty string after the final CRLF. */
function physicalLines(text: string): string[] {
  const lines = text.split('\r\n');
  expect(lines.pop()).toBe('');
  return lines;
}

function expectWellFormedLines(text: string): void {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = physicalLines(text);
  for (const line of lines) {
    expect(line, 'bare CR or LF inside a line').not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  }
}

describe('renderAnniversaries', () => {
  it('writes one yearly all-day event per anniversary that ical.js reads back', () => {
    const westgate = versionOf(anniversaryInput(), { publishedAt: '2026-03-01T09:30:00.250Z' });
    const embassy = versionOf(anniversaryInput({ title: 'Embassy bombings', countries: ['KE', 'TZ'], date: '1998-08-07', significance: 'Twin embassy attacks.' }));
    const text = renderAnniversaries([westgate, embassy], OPTS);
    expectWellFormedLines(text);
    const events = eventsOf(text);
    expect(events).toHaveLength(2);

    const [first, second] = events as [ICAL.Event, ICAL.Event];
    expect(first.uid).toBe(`urn:outpost:publication:${westgate.id}`);
    expect(first.summary).toBe('Anniversary of the Westgate attack');
    expect(first.description).toBe('Extremist groups have marked the date with propaganda.');
    expect(first.startDate.isDate).toBe(true);
    expect(first.startDate.toString()).toBe('2013-09-21');
    expect(first.isRecurring()).toBe(true);
    const rrule = first.component.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rrule.freq).toBe('YEARLY');
    expect(first.component.getFirstPropertyValue('url')).toBe(`${BASE_URL}/publications/${westgate.id}`);
    expect((first.component.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe('2026-03-01T09:30:00.000Z');

    const categories = second.component.getAllProperties('categories').flatMap((p) => p.getValues());
    expect(categories).toEqual(['KE', 'TZ']);
    expect(second.location).toBe('Kenya, Tanzania');
  });

  it('recurs on the same day every year', () => {
    const v = versionOf(anniversaryInput({ date: '2013-09-21' }));
    const [event] = eventsOf(renderAnniversaries([v], OPTS));
    const it = event?.iterator();
    const dates = [1, 2, 3, 4].map(() => it?.next()?.toString());
    expect(dates).toEqual(['2013-09-21', '2014-09-21', '2015-09-21', '2016-09-21']);
  });

  it('marks a 29 February anniversary on the last day of February in common years', () => {
    const v = versionOf(anniversaryInput({ date: '2004-02-29' }));
    const text = renderAnniversaries([v], OPTS);
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\r\n');
    const it = eventsOf(text)[0]?.iterator();
    const dates = [1, 2, 3, 4, 5].map(() => it?.next()?.toString());
    expect(dates).toEqual(['2004-02-29', '2005-02-28', '2006-02-28', '2007-02-28', '2008-02-29']);
  });

  it('keeps the date whatever the time zone of the host', () => {
    const original = process.env.TZ;
    try {
      for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
        process.env.TZ = tz;
        const text = renderAnniversaries([versionOf(anniversaryInput({ date: '2001-01-01' }))], OPTS);
        expect(text, tz).toContain('DTSTART;VALUE=DATE:20010101\r\n');
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('keeps one event per publication, from its latest version, with the same UID', () => {
    const v1 = versionOf(anniversaryInput());
    const v2 = versionOf(anniversaryInput({ significance: 'Revised significance.' }), { id: v1.id, version: 2, publishedAt: '2026-04-01T00:00:00Z', changeNote: 'Revised.' });
    const events = eventsOf(renderAnniversaries([v2, v1], OPTS));
    expect(events).toHaveLength(1);
    expect(events[0]?.uid).toBe(anniversaryUid(v1.id));
    expect(events[0]?.description).toBe('Revised significance.');
    expect(events[0]?.sequence).toBe(1);
  });

  it('uses CRLF line endings and folds long Unicode lines at 75 octets', () => {
    const v = versionOf(anniversaryInput({ title: `${HOSTILE.title} ${'ü'.repeat(60)}`, significance: `Line one\nLine two, with; specials\\ and 😀 ${'日本語'.repeat(40)}` }));
    const text = renderAnniversaries([v], OPTS);
    expectWellFormedLines(text);
    expect(physicalLines(text).some((l) => l.startsWith(' '))).toBe(true);
    const [event] = eventsOf(text);
    expect(event?.summary).toBe(`${HOSTILE.title} ${'ü'.repeat(60)}`);
    expect(event?.description).toBe(`Line one\nLine two, with; specials\\ and 😀 ${'日本語'.repeat(40)}`);
  });

  it('drops control characters, which iCalendar text cannot carry', () => {
    const v = versionOf(anniversaryInput({ title: 'Bell\u0007 and\u0000 nul', significance: 'cr\r\nlf' }));
    const text = renderAnniversaries([v], OPTS);
    // Nothing but tab, CR, LF and printable characters.
    expect(text).not.toMatch(/[^\t\r\n\u0020-\u007E\u0080-\u{10FFFF}]/u);
    const [event] = eventsOf(text);
    expect(event?.summary).toBe('Bell and nul');
    expect(event?.description).toBe('cr\nlf');
  });

  it('is a valid empty calendar without anniversaries', () => {
    const text = renderAnniversaries([], OPTS);
    expectWellFormedLines(text);
    expect(eventsOf(text)).toEqual([]);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
  });

  it('refuses other kinds', () => {
    expect(() => renderAnniversaries([versionOf(alertInput())], OPTS)).toThrow(/Not an anniversary/);
  });

  it('round-trips arbitrary titles and significance within 75-octet CRLF lines', () => {
    assertProperty(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 90 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), (title, significance) => {
        // What iCalendar TEXT can carry: line breaks become \n, other controls go.
        const visible = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[^\t\n\u0020-\u007E\u0080-\uD7FF\uE000-\uFFFF\u{10000}-\u{10FFFF}]/gu, '');
        fc.pre(visible(title).trim().length > 0 && visible(significance).trim().length > 0);
        const v = versionOf(anniversaryInput({ title, significance }));
        const text = renderAnniversaries([v], OPTS);
        expectWellFormedLines(text);
        const [event] = eventsOf(text);
        expect(event?.summary).toBe(visible(v.content.title));
        expect(event?.description).toBe(visible(v.content.kind === 'anniversary' ? v.content.significance : ''));
      }),
      { numRuns: 150 },
    );
  });
});
