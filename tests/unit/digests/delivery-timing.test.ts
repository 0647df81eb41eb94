import { describe, expect, it } from 'vitest';
import { meetsSeverity } from '../../../shared/domain/assessment';
import { isQuietAt, localClock, quietHoursEnd, TimeZoneSchema, timingFrom, timingInputFields } from '../../../shared/domain/delivery-timing';
import * as z from 'zod';
import { digestSlot, digestWindowStart, isDigestDue, listedUpTo } from '../../../shared/domain/digest';

const quiet = (timeZone: string, from: string, to: string) => ({ frequency: 'immediate' as const, timeZone, quietHours: { from, to } });

describe('time zones', () => {
  it('accept IANA names as the database spells them, and refuse anything else', () => {
    for (const name of ['UTC', 'Europe/Paris', 'Asia/Tokyo', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Etc/GMT+5']) expect(TimeZoneSchema.safeParse(name).success, name).toBe(true);
    for (const name of ['asia/tokyo', 'Mars/Olympus_Mons', 'Europe/Paris ', '', '+05:00', 'Europe//Paris']) expect(TimeZoneSchema.safeParse(name).success, name).toBe(false);
  });

  it('read an instant as local date, time and weekday', () => {
    // 2026-03-01 is a Sunday; 23:30 UTC is Monday 08:30 in Tokyo and Sunday 18:30 in New York.
    expect(localClock('2026-03-01T23:30:00Z', 'Asia/Tokyo')).toEqual({ date: '2026-03-02', minutes: 8 * 60 + 30, weekday: 1 });
    expect(localClock('2026-03-01T23:30:00Z', 'America/New_York')).toEqual({ date: '2026-03-01', minutes: 18 * 60 + 30, weekday: 7 });
  });
});

describe('quiet hours', () => {
  it('span midnight when they end before they start, the start included and the end not', () => {
    const t = quiet('Europe/Paris', '22:00', '07:00');
    // Paris is UTC+1 in January.
    expect(isQuietAt(t, '2026-01-10T20:59:00Z')).toBe(false);
    expect(isQuietAt(t, '2026-01-10T21:00:00Z')).toBe(true);
    expect(isQuietAt(t, '2026-01-11T05:59:00Z')).toBe(true);
    expect(isQuietAt(t, '2026-01-11T06:00:00Z')).toBe(false);
    expect(isQuietAt({ frequency: 'immediate', timeZone: 'UTC' }, '2026-01-11T03:00:00Z')).toBe(false);
  });

  it('within one day when they end after they start', () => {
    const t = quiet('UTC', '12:00', '14:00');
    expect([isQuietAt(t, '2026-01-10T11:59:00Z'), isQuietAt(t, '2026-01-10T12:00:00Z'), isQuietAt(t, '2026-01-10T14:00:00Z')]).toEqual([false, true, false]);
  });

  it('end at local `to`, the same wall-clock time across a clock change either way', () => {
    const t = quiet('America/New_York', '22:00', '07:00');
    // Spring forward on 2026-03-08 (02:00 → 03:00): 07:00 EDT is 11:00 UTC.
    expect(quietHoursEnd(t, '2026-03-08T04:00:00Z')).toBe('2026-03-08T11:00:00.000Z');
    // Fall back on 2026-11-01 (02:00 → 01:00): 07:00 EST is 12:00 UTC.
    expect(quietHoursEnd(t, '2026-11-01T03:00:00Z')).toBe('2026-11-01T12:00:00.000Z');
    // An ordinary night.
    expect(quietHoursEnd(t, '2026-01-15T04:00:00Z')).toBe('2026-01-15T12:00:00.000Z');
    for (const end of [quietHoursEnd(t, '2026-03-08T04:00:00Z'), quietHoursEnd(t, '2026-11-01T03:00:00Z')]) expect(isQuietAt(t, end)).toBe(false);
  });
});

describe('timing input', () => {
  it('offers digests only where the channel does, naming the field', () => {
    const sms = z.object(timingInputFields({ digests: false, quietHours: true })).strict();
    const refused = sms.safeParse({ frequency: 'daily' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['frequency'] });
    expect(refused.error?.issues[0]?.message).toMatch(/email only/);
    const webhook = z.object(timingInputFields({ digests: false, quietHours: false })).strict();
    expect(webhook.safeParse({ quietHours: { from: '22:00', to: '07:00' } }).error?.issues[0]?.message).toMatch(/email and SMS/);
  });

  it('keeps what the body leaves out, and clears quiet hours with null', () => {
    const base = { frequency: 'daily' as const, timeZone: 'Asia/Tokyo', quietHours: { from: '22:00', to: '07:00' } };
    expect(timingFrom({}, base)).toEqual(base);
    expect(timingFrom({ frequency: 'weekly', quietHours: null }, base)).toEqual({ frequency: 'weekly', timeZone: 'Asia/Tokyo' });
    expect(timingFrom({})).toEqual({ frequency: 'immediate', timeZone: 'UTC' });
  });
});

describe('minimum severity', () => {
  it('passes items at or above it, and items whose severity is Unknown', () => {
    expect(meetsSeverity('Severe', 'Moderate')).toBe(true);
    expect(meetsSeverity('Minor', 'Moderate')).toBe(false);
    expect(meetsSeverity('Unknown', 'Extreme')).toBe(true);
    expect(meetsSeverity('Minor', undefined)).toBe(true);
  });
});

describe('digest schedule', () => {
  it('makes a zone due in the quarter-hour holding its local 08:00, weekly ones on Mondays only', () => {
    // 2026-03-01T23:00Z is Monday 08:00 in Tokyo and Sunday 18:00 in New York.
    expect(isDigestDue('daily', 'Asia/Tokyo', digestSlot('2026-03-01T23:07:00Z'))).toBe(true);
    expect(isDigestDue('weekly', 'Asia/Tokyo', digestSlot('2026-03-01T23:07:00Z'))).toBe(true);
    expect(isDigestDue('daily', 'America/New_York', digestSlot('2026-03-01T23:07:00Z'))).toBe(false);
    expect(isDigestDue('daily', 'Asia/Tokyo', digestSlot('2026-03-01T23:15:00Z'))).toBe(false);
    // Tuesday 08:00 in Tokyo: daily yes, weekly no.
    expect(isDigestDue('daily', 'Asia/Tokyo', '2026-03-02T23:00:00.000Z')).toBe(true);
    expect(isDigestDue('weekly', 'Asia/Tokyo', '2026-03-02T23:00:00.000Z')).toBe(false);
    // A zone half an hour off the quarter-hours is still due once a day: India is UTC+05:30.
    expect(isDigestDue('daily', 'Asia/Kolkata', '2026-03-02T02:30:00.000Z')).toBe(true);
  });

  it('starts a window where the run does, later for a subscriber who joined since, and never more than 35 days back', () => {
    const run = { from: '2026-03-01T23:00:00.000Z', cutoff: '2026-03-02T23:00:00.000Z' };
    expect(digestWindowStart(run, { since: '2026-01-01T00:00:00.000Z' })).toBe('2026-03-01T23:00:00.000Z');
    expect(digestWindowStart(run, { since: '2026-03-02T10:00:00.000Z' })).toBe('2026-03-02T10:00:00.000Z');
    expect(digestWindowStart({ from: '2025-01-01T00:00:00.000Z', cutoff: run.cutoff }, { since: '2025-01-01T00:00:00.000Z' })).toBe('2026-01-26T23:00:00.000Z');
  });

  it('starts a switched subscriber\'s first window at their own last cut-off, later ones at the zone\'s, and skips the run under way when they switched', () => {
    // Switched into New York (last run 2026-03-02 13:00Z) from Tokyo, whose last digest went out at 2026-03-01 23:00Z.
    const placement = { since: '2026-03-01T23:00:00.000Z', zoneCutoff: '2026-03-02T13:00:00.000Z' };
    expect(digestWindowStart({ from: '2026-03-02T13:00:00.000Z', cutoff: '2026-03-03T13:00:00.000Z' }, placement)).toBe('2026-03-01T23:00:00.000Z');
    expect(digestWindowStart({ from: '2026-03-03T13:00:00.000Z', cutoff: '2026-03-04T13:00:00.000Z' }, placement)).toBe('2026-03-03T13:00:00.000Z');
    // The run to 13:00Z was under way when they were filed: it lists nothing for them.
    const underWay = { from: '2026-03-01T13:00:00.000Z', cutoff: '2026-03-02T13:00:00.000Z' };
    expect(digestWindowStart(underWay, placement)).toBe(underWay.cutoff);
  });

  it('tells where a subscriber\'s digests in a zone listed up to: the zone\'s last cut-off once a run reached them, their own start before', () => {
    expect(listedUpTo({ since: '2026-03-01T23:00:00.000Z' }, '2026-03-02T23:00:00.000Z')).toBe('2026-03-02T23:00:00.000Z');
    expect(listedUpTo({ since: '2026-03-02T10:00:00.000Z' }, '2026-03-01T23:00:00.000Z')).toBe('2026-03-02T10:00:00.000Z');
    expect(listedUpTo({ since: '2026-03-01T23:00:00.000Z', zoneCutoff: '2026-03-02T13:00:00.000Z' }, '2026-03-02T13:00:00.000Z')).toBe('2026-03-01T23:00:00.000Z');
    expect(listedUpTo({ since: '2026-03-01T23:00:00.000Z', zoneCutoff: '2026-03-02T13:00:00.000Z' }, '2026-03-03T13:00:00.000Z')).toBe('2026-03-03T13:00:00.000Z');
    expect(listedUpTo({ since: '2026-03-01T23:00:00.000Z' }, undefined)).toBe('2026-03-01T23:00:00.000Z');
  });
});
