import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSubdivisionData, SUBDIVISION_DATA_MODULE } from '../../../scripts/generate-data';
import { subdivisionText } from '../../../scripts/generate/subdivisions';

describe('generated subdivision data', () => {
  it('is what scripts/generate-data.ts compresses from the installed iso-3166 (run `npm run generate` if not)', () => {
    const committed = readFileSync(new URL(`../../../${SUBDIVISION_DATA_MODULE}`, import.meta.url), 'utf8');
    expect(committed).toBe(renderSubdivisionData(subdivisionText()));
  });
});
