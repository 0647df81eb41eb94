import { geoEqualEarth } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { project, unproject } from '../../../shared/geo/projection';
import { WORLD_PROJECTION } from '../../../shared/geo/world-paths.generated';

describe('the Equal Earth projection of the maps', () => {
  const d3 = geoEqualEarth().scale(WORLD_PROJECTION.scale).translate([...WORLD_PROJECTION.translate]);
  const points: [number, number][] = [[36.82, -1.29], [-103.72, 19.24], [178, -17.7], [-175, 66], [0, 0], [12.45, 41.9], [-70.6, -33.4]];

  it('puts points where d3-geo, which draws the map, puts them', () => {
    for (const p of points) {
      const [x, y] = project(p);
      const [dx, dy] = d3(p)!;
      expect(x).toBeCloseTo(dx, 6);
      expect(y).toBeCloseTo(dy, 6);
    }
  });

  it('turns map coordinates back into the same longitude and latitude', () => {
    for (const p of points) {
      const [lon, lat] = unproject(project(p));
      expect(lon).toBeCloseTo(p[0], 6);
      expect(lat).toBeCloseTo(p[1], 6);
    }
  });
});
