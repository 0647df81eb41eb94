import { describe, expect, it } from 'vitest';
import { levelsNamedIn } from '../../../shared/domain/advisory-level';
import { approve, archive, archiveStep, createHead, publish, returnToAuthor, submit, unarchiveStep, type Actor } from '../../../shared/domain/lifecycle';
import type { PublicationContent } from '../../../shared/domain/publication-content';
import { statusOf } from '../../../shared/domain/publication';
import { matchesWorkbenchFilter, WorkbenchFilterSchema } from '../../../shared/domain/workbench-filter';
import { ConflictError } from '../../../shared/errors';

const alice: Actor = { personId: 'alice', orgId: 'org', role: 'publisher' };
const bob: Actor = { personId: 'bob', orgId: 'org', role: 'publisher' };
const T0 = '2026-11-25T10:00:00.000Z';
const T1 = '2026-11-25T11:00:00.000Z';

const advisory: PublicationContent = { kind: 'travel-advisory', title: 'Côte d’Ivoire', countries: ['CI'], summary: 'Exercise increased caution.', body: 'b', sharing: 'TLP:CLEAR', level: 2, indicators: ['C'] };
const alert: PublicationContent = { kind: 'security-alert', title: 'Demo', countries: ['KE'], summary: 's', body: 'Road block near the airport', sharing: 'TLP:CLEAR', actions: ['Avoid'] };

function publishedAdvisory() {
  const outcome = publish(approve(createHead('P1', advisory, alice, T0), bob, T0), alice, T0);
  return outcome.head;
}

describe('returning to the author', () => {
  it('sends a submitted copy back to draft with the reviewer’s comment, which survives edits and ends at the next submit', () => {
    const submitted = submit(createHead('P1', advisory, alice, T0), alice, T0);
    const returned = returnToAuthor(submitted, bob, T1, 'Name the regions.');
    expect(statusOf(returned)).toBe('draft');
    expect(returned.working?.returned).toEqual({ by: 'bob', at: T1, comment: 'Name the regions.' });
    expect(submit(returned, alice, T1).working?.returned).toBeUndefined();
  });

  it('is refused to a writer of the changes and to an approved copy', () => {
    const submitted = submit(createHead('P1', advisory, alice, T0), alice, T0);
    expect(() => returnToAuthor(submitted, alice, T1, 'x')).toThrow(ConflictError);
    expect(() => returnToAuthor(approve(submitted, bob, T1), bob, T1, 'x')).toThrow(ConflictError);
  });
});

describe('unarchiving', () => {
  it('restores an alert at once, and an advisory only when a second publisher confirms', () => {
    const alertHead = archive(publish(createHead('P2', alert, alice, T0), alice, T0).head, T0);
    const restored = unarchiveStep(alertHead, alice, T1);
    expect(restored.restored && statusOf(restored.head)).toBe('published');
    expect(restored.head.endedAt).toBeUndefined();

    const asked = archiveStep(publishedAdvisory(), alice, T0);
    const archived = archiveStep(asked.head, bob, T0).head;
    const requested = unarchiveStep(archived, alice, T1);
    expect(requested.restored).toBe(false);
    expect(requested.head.restoreRequest).toEqual({ requestedBy: 'alice', requestedAt: T1 });
    expect(() => unarchiveStep(requested.head, alice, T1)).toThrow(ConflictError);
    const confirmed = unarchiveStep(requested.head, bob, T1);
    expect(confirmed).toMatchObject({ restored: true, requestedBy: 'alice' });
    expect(confirmed.head.restoreRequest).toBeUndefined();
  });

  it('refuses a superseded advisory, a draft never published and an item that is not archived', () => {
    expect(() => unarchiveStep(archive(publishedAdvisory(), T0, 'NEWER'), alice, T1)).toThrow(/newer advisory/);
    expect(() => unarchiveStep(archive(createHead('P3', alert, alice, T0), T0), alice, T1)).toThrow(/never published/);
    expect(() => unarchiveStep(publishedAdvisory(), alice, T1)).toThrow(/not archived/);
  });
});

describe('levels named in text', () => {
  it('finds levels by number and by name, in any case', () => {
    expect(levelsNamedIn('Level 3: reconsider travel.')).toEqual([3]);
    expect(levelsNamedIn('Do not travel to the north; exercise increased caution elsewhere.')).toEqual([2, 4]);
    expect(levelsNamedIn('Crime is common.')).toEqual([]);
  });
});

describe('console filters', () => {
  const draft = createHead('P4', alert, alice, T0);
  const match = (input: Record<string, string>) => matchesWorkbenchFilter(draft, WorkbenchFilterSchema.parse(input));

  it('matches every word of the text, folding case and diacritics, and the other filters', () => {
    expect(match({ q: 'AIRPORT road' })).toBe(true);
    expect(match({ q: 'airport harbour' })).toBe(false);
    expect(matchesWorkbenchFilter(createHead('P5', advisory, alice, T0), WorkbenchFilterSchema.parse({ q: 'cote' }))).toBe(true);
    expect(matchesWorkbenchFilter(draft, { author: 'alice' })).toBe(true);
    expect(matchesWorkbenchFilter(draft, { author: 'bob' })).toBe(false);
    expect(match({ kind: 'travel-advisory' })).toBe(false);
    expect(match({ country: 'ke', status: 'draft' })).toBe(true);
  });

  it('leaves archived items out unless their status is asked for', () => {
    const archived = archive(draft, T1);
    expect(matchesWorkbenchFilter(archived, {})).toBe(false);
    expect(matchesWorkbenchFilter(archived, { status: 'archived' })).toBe(true);
  });
});
