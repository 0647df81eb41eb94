import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../../shared/services/version-diff';
import { advisoryInput, versionOf } from '../formats/fixtures';

describe('diffVersions', () => {
  it('reports level, indicators and summary changes, most important first', () => {
    const v1 = versionOf(advisoryInput({ level: 2, indicators: ['C', 'T'] }), { id: 'A'.repeat(26) });
    const v2 = versionOf(advisoryInput({ level: 3, indicators: ['T', 'U'], summary: 'Unrest.' }), { id: 'A'.repeat(26), version: 2, changeNote: 'Raised.' });
    const diff = diffVersions(v1, v2);
    expect(diff).toMatchObject({ from: 1, to: 2, changeNote: 'Raised.' });
    expect(diff.changes).toEqual([
      { field: 'level', before: 2, after: 3 },
      { field: 'indicators', added: ['U'], removed: ['C'] },
      { field: 'summary', before: 'Crime is common in Nairobi.', after: 'Unrest.' },
    ]);
  });

  it('matches body sections by heading', () => {
    const base = { kind: 'country-report', title: 'R', countries: ['KE'], summary: 's', body: 'b', sharing: 'TLP:CLEAR', year: 2026 };
    const v1 = versionOf({ ...base, sections: [{ heading: 'Crime', body: 'a' }, { heading: 'Terrorism', body: 'b' }] });
    const v2 = versionOf({ ...base, body: 'b2', sections: [{ heading: 'Crime', body: 'a2' }, { heading: 'Health', body: 'c' }] }, { version: 2 });
    expect(diffVersions(v1, v2).changes).toEqual([
      { field: 'body', before: 'b', after: 'b2' },
      { field: 'sections', added: ['Health'], removed: ['Terrorism'], changed: ['Crime'] },
    ]);
  });

  it('treats a reordered code list as no change, never reports recipients, and has no changes for a first version', () => {
    const v1 = versionOf(advisoryInput({ indicators: ['C', 'T'] }));
    const v2 = versionOf(advisoryInput({ indicators: ['T', 'C'] }), { version: 2 });
    expect(diffVersions(v1, v2).changes).toEqual([]);
    expect(diffVersions(undefined, v1)).toMatchObject({ from: null, to: 1, changes: [] });
    const note = { kind: 'announcement', title: 'N', countries: ['KE'], summary: 's', body: '', sharing: 'TLP:AMBER' };
    const a = versionOf({ ...note, recipients: ['01J9Z8Y7X6W5V4T3S2R1Q0P9N8'] });
    const b = versionOf({ ...note, recipients: ['01J9Z8Y7X6W5V4T3S2R1Q0P9N9'] }, { version: 2 });
    expect(diffVersions(a, b).changes).toEqual([]);
  });
});
