import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSubdivisionCodes, renderSubdivisionData, SUBDIVISION_CODES_MODULE, SUBDIVISION_DATA_MODULE } from '../../../scripts/generate-data';
import { subdivisionText } from '../../../scripts/generate/subdivisions';
import { isSubdivisionCode } from '../../../shared/geo/subdivision-codes';
import { findSubdivision, subdivisionsOf } from '../../../shared/geo/subdivisions';
import { COUNTRY_DATA } from '../../../shared/domain/country-data.generated';

describe('generated subdivision data', () => {
  it('is what scripts/generate-data.ts compresses from the installed iso-3166 (run `npm run generate` if not)', () => {
    const committed = readFileSync(new URL(`../../../${SUBDIVISION_DATA_MODULE}`, import.meta.url), 'utf8');
    expect(committed).toBe(renderSubdivisionData(subdivisionText()));
  });

  it('has a codes-only twin, also generated, that knows exactly the codes the named list knows', () => {
    const committed = readFileSync(new URL(`../../../${SUBDIVISION_CODES_MODULE}`, import.meta.url), 'utf8');
    expect(committed).toBe(renderSubdivisionCodes(subdivisionText()));
    const named = COUNTRY_DATA.flatMap((c) => subdivisionsOf(c.code).map((s) => s.code));
    expect(named.length).toBeGreaterThan(4000);
    for (const code of named) expect(isSubdivisionCode(code), code).toBe(true);
    for (const code of ['MX-XXX', 'KE-99', 'ZZ-01', 'MX-col', 'MX']) expect([isSubdivisionCode(code), findSubdivision(code)], code).toEqual([false, undefined]);
  });
});
