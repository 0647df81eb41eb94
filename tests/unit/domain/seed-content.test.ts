import { describe, expect, it } from 'vitest';
import { SEED_ADVISORIES, SEED_ORGANIZATIONS, SEED_OTHER, SEED_PEOPLE } from '../../../infra/local/seed-content';
import { findCountry } from '../../../shared/domain/country';
import { PublicationContentSchema } from '../../../shared/domain/publication-content';
import { REGION_CODES } from '../../../shared/domain/region';

describe('seed content', () => {
  it('every item parses as publication content', () => {
    for (const item of [...SEED_ADVISORIES, ...SEED_OTHER]) {
      const result = PublicationContentSchema.safeParse(item);
      expect(result.error?.issues ?? [], item.title).toEqual([]);
    }
  });

  it('advisories are public, one per country, at least 40 distinct countries', () => {
    const codes = SEED_ADVISORIES.map((a) => a.countries[0]);
    expect(SEED_ADVISORIES.every((a) => a.kind === 'travel-advisory' && a.sharing === 'TLP:CLEAR' && a.countries.length === 1)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(codes).size).toBeGreaterThanOrEqual(40);
  });

  it('advisories cover all four levels', () => {
    expect(new Set(SEED_ADVISORIES.map((a) => a.level))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('advisories cover all six regions', () => {
    const regions = new Set(SEED_ADVISORIES.map((a) => findCountry(a.countries[0] ?? '')?.region));
    for (const region of REGION_CODES) expect(regions, region).toContain(region);
  });

  it('has a TLP:GREEN and a TLP:AMBER security alert, the AMBER one without recipients', () => {
    const alerts = SEED_OTHER.filter((c) => c.kind === 'security-alert');
    expect(alerts.some((a) => a.sharing === 'TLP:GREEN')).toBe(true);
    const amber = alerts.filter((a) => a.sharing === 'TLP:AMBER');
    expect(amber.length).toBeGreaterThanOrEqual(1);
    expect(amber.every((a) => a.recipients === undefined)).toBe(true);
  });

  it('people reference seeded organizations and have distinct emails', () => {
    const refs = new Set(SEED_ORGANIZATIONS.map((o) => o.ref));
    expect(SEED_PEOPLE.every((p) => refs.has(p.orgRef))).toBe(true);
    expect(new Set(SEED_PEOPLE.map((p) => p.email)).size).toBe(SEED_PEOPLE.length);
  });
});
