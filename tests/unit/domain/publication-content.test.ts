import { describe, expect, it } from 'vitest';
import { PublicationContentSchema } from '../../../shared/domain/publication-content';
import { parseOrThrow } from '../../../shared/domain/validation';
import { ValidationError } from '../../../shared/errors';

const base = { title: 'T', countries: ['KE'], summary: 'S', body: '', sharing: 'TLP:CLEAR' };

function issues(input: unknown): string[] {
  try {
    parseOrThrow(PublicationContentSchema, input);
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => i.path);
    throw error;
  }
}

describe('publication content', () => {
  it('accepts each kind with its own fields', () => {
    expect(issues({ ...base, kind: 'travel-advisory', level: 4, indicators: ['K', 'D'] })).toEqual([]);
    expect(issues({ ...base, kind: 'security-alert', actions: ['Stay indoors'], eventStart: '2026-12-01T10:00:00Z', eventEnd: '2026-12-01T18:00:00+03:00' })).toEqual([]);
    expect(issues({ ...base, kind: 'country-report', year: 2026, sections: [{ heading: 'Crime', body: '…' }] })).toEqual([]);
    expect(issues({ ...base, kind: 'special-report' })).toEqual([]);
    expect(issues({ ...base, kind: 'announcement' })).toEqual([]);
    expect(issues({ ...base, kind: 'anniversary', date: '1998-08-07', significance: 'Embassy bombings' })).toEqual([]);
    expect(issues({ ...base, kind: 'group-profile', aliases: [], areasOfOperation: ['Somalia'], designations: ['FTO'] })).toEqual([]);
    expect(issues({ ...base, kind: 'press-summary', outlet: 'Daily Nation', language: 'en', link: 'https://nation.africa/' })).toEqual([]);
  });

  it('names each invalid field', () => {
    expect(issues({ ...base, kind: 'travel-advisory', level: 5, indicators: ['Z'] }).sort()).toEqual(['indicators.0', 'level']);
    expect(issues({ ...base, kind: 'travel-advisory', countries: ['KE', 'TZ'], level: 1, indicators: [] })).toEqual(['countries']);
    expect(issues({ ...base, kind: 'security-alert', actions: [], eventStart: '2026-12-02T00:00:00Z', eventEnd: '2026-12-01T00:00:00Z' }).sort()).toEqual(['actions', 'eventEnd']);
    expect(issues({ ...base, kind: 'anniversary', date: '2026-02-30', significance: 'x' })).toEqual(['date']);
    expect(issues({ ...base, kind: 'press-summary', outlet: 'x', language: 'English', link: 'javascript:alert(1)' }).sort()).toEqual(['language', 'link']);
    expect(issues({ ...base, kind: 'announcement', recipients: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'] })).toEqual(['recipients']);
    expect(issues({ ...base, kind: 'announcement', countries: ['KE', 'KE'] })).toEqual(['countries']);
  });
});
