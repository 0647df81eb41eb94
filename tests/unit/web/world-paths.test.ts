import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countryLatLng, countryTable, renderWorldPaths, WORLD_PATHS_MODULE, worldPaths } from '../../../scripts/generate-data';
import { worldGeometry } from '../../../web/map/world-geometry';

describe('generated world paths', () => {
  const generated = worldPaths(countryTable(), countryLatLng());

  it('are what scripts/generate-data.ts projects from the installed world-atlas (run `npm run generate` if not)', () => {
    const committed = readFileSync(new URL(`../../../${WORLD_PATHS_MODULE}`, import.meta.url), 'utf8');
    expect(committed).toBe(renderWorldPaths(generated));
  });

  it('are the shapes worldGeometry() serves, in the same order', () => {
    const { viewBox, countries } = worldGeometry();
    expect(viewBox).toBe(generated.viewBox);
    expect(countries.map((c) => [c.cc, c.d])).toEqual(generated.paths);
  });
});
