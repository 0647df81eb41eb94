import { describe, expect, it } from 'vitest';
import { pointerOnEnd, pointerOnRelease } from '../../../shared/domain/advisory-pointer';
import { advisoryInput, alertInput, versionOf } from '../formats/fixtures';

describe('advisory pointer rule', () => {
  it('points the country at a published travel advisory, allowing only the advisory it supersedes to be replaced', () => {
    const version = versionOf(advisoryInput({ countries: ['MX'], level: 3, title: 'Mexico Travel Advisory' }), { version: 2 });
    expect(pointerOnRelease(version, '01OLDADVISORY0000000000000')).toEqual({
      type: 'set',
      replaces: '01OLDADVISORY0000000000000',
      pointer: { country: 'MX', publicationId: version.id, level: 3, version: 2, title: 'Mexico Travel Advisory', updatedAt: version.publishedAt },
    });
  });

  it('withdraws the pointer when an advisory ends, only if the pointer is still its own', () => {
    const version = versionOf(advisoryInput({ countries: ['KE'] }));
    expect(pointerOnEnd(version)).toEqual({ type: 'clear', country: 'KE', publicationId: version.id });
  });

  it('leaves the pointer alone for every other kind', () => {
    const alert = versionOf(alertInput({ countries: ['KE'] }));
    expect(pointerOnRelease(alert)).toBeUndefined();
    expect(pointerOnEnd(alert)).toBeUndefined();
  });
});
