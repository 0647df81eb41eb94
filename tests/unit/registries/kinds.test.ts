import { describe, expect, it } from 'vitest';
import { KIND_LABELS, KINDS, KindSchema, needsApproval } from '../../../shared/domain/publication-kind';
import { buildFeedEntry } from '../../../shared/formats/feed-entry';
import { BASE_URL, everyKindInput, versionOf } from '../formats/fixtures';

describe('the kind registry', () => {
  it('has exactly one entry per kind of the enum, each with its own label', () => {
    expect(Object.keys(KINDS).sort()).toEqual([...KindSchema.options].sort());
    for (const kind of KindSchema.options) expect(KIND_LABELS[kind], kind).toBe(KINDS[kind].label);
    expect(new Set(Object.values(KIND_LABELS)).size).toBe(KindSchema.options.length);
  });

  it('asks a second publisher to approve advisories and reports, not urgent alerts', () => {
    expect(needsApproval('travel-advisory')).toBe(true);
    expect(needsApproval('country-report')).toBe(true);
    expect(needsApproval('special-report')).toBe(true);
    expect(needsApproval('security-alert')).toBe(false);
  });

  it('has a content schema for every kind, and every kind renders as a feed entry naming its label', () => {
    const inputs = everyKindInput();
    expect(new Set(inputs.map((i) => i.kind))).toEqual(new Set(KindSchema.options));
    for (const input of inputs) {
      const entry = buildFeedEntry(versionOf(input), { baseUrl: BASE_URL });
      expect(entry.categories.map((c) => c.label), String(input.kind)).toContain(KIND_LABELS[input.kind as keyof typeof KIND_LABELS]);
      expect(entry.contentHtml.length, String(input.kind)).toBeGreaterThan(0);
    }
  });
});
