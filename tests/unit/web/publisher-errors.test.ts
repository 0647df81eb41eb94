import { describe, expect, it } from 'vitest';
import { PublicationContentSchema } from '../../../shared/domain/publication-content';
import { parseOrThrow } from '../../../shared/domain/validation';
import { ValidationError } from '../../../shared/errors';
import { publisherIssues } from '../../../web/pages/publisher-errors';

function issuesFor(content: Record<string, unknown>) {
  try {
    parseOrThrow(PublicationContentSchema, content);
  } catch (error) {
    if (error instanceof ValidationError) return publisherIssues(error.issues, content);
    throw error;
  }
  return [];
}

describe('errors in a publisher’s words', () => {
  it('names the value typed and what to do, never schema text', () => {
    const issues = issuesFor({
      kind: 'security-alert',
      title: '',
      countries: ['Mexico', 'KE'],
      summary: 's',
      body: '',
      sharing: 'TLP:CLEAR',
      actions: [],
      eventStart: '2026-06-02T10:00:00Z',
      eventEnd: '2026-06-01T10:00:00Z',
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'title', message: 'this is required' },
        { path: 'countries', message: "Country 'Mexico' — choose it from the list" },
        { path: 'actions', message: 'list at least one action to take, one per line' },
        { path: 'eventEnd', message: 'the event ends before it starts' },
      ]),
    );
    expect(issues.map((i) => i.message).join(' ')).not.toMatch(/Too small|expected|ISO/);
  });

  it('says which line of a list is wrong', () => {
    const issues = issuesFor({ kind: 'security-alert', title: 't', countries: ['KE'], summary: 's', body: '', sharing: 'TLP:CLEAR', actions: ['ok', 'x'.repeat(600)] });
    expect(issues).toEqual([{ path: 'actions', message: 'line 2: this is too long: at most 500 characters' }]);
  });
});
