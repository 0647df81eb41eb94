import { describe, expect, it } from 'vitest';
import { AreasSchema, type AreaFeature } from '../../../shared/domain/place';
import { circleMeetsAreas, prepareAreas } from '../../../shared/geo/areas';
import { locatePoint } from '../../../shared/geo/locate';
import { countriesReached, countryAt } from '../../../shared/geo/outlines';
import { acceptsPlace } from '../../../shared/geo/place-match';
import { itemMeetsPlace } from '../../../shared/geo/place-filter';
import { findSubdivision, subdivisionsOf } from '../../../shared/geo/subdivisions';

const square = (lon: number, lat: number, d: number): AreaFeature => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] },
});

describe('country outlines', () => {
  it('find the country of a point, on the coast too, and nothing at sea', () => {
    expect(countryAt(-1.2864, 36.8172)).toBe('KE'); // Nairobi
    expect(countryAt(-4.0435, 39.6682)).toBe('KE'); // Mombasa, on the coast
    expect(countryAt(-6.79, 39.21)).toBe('TZ'); // Dar es Salaam
    expect(countryAt(-29.31, 27.48)).toBe('LS'); // Maseru: Lesotho is a hole in South Africa
    expect(countryAt(30, -40)).toBeUndefined(); // mid-Atlantic
  });

  it('list every country a circle reaches, the one holding its centre first', () => {
    expect(countriesReached({ lat: -2.545, lon: 36.785, radiusKm: 10 })).toEqual(['KE', 'TZ']); // Namanga, on the border
    expect(countriesReached({ lat: -1.2864, lon: 36.8172, radiusKm: 10 })).toEqual(['KE']);
  });

  it('check a named country against the point', () => {
    expect(locatePoint(-1.29, 36.82, 'KE')).toEqual({ country: 'KE' });
    expect(locatePoint(-6.79, 39.21, 'KE')).toEqual({ problem: 'lies in Tanzania, not in Kenya' });
    expect(locatePoint(45.46, 9.19, 'FR')).toEqual({ problem: 'lies in Italy, not in France' });
    expect(locatePoint(45.46, 9.19)).toEqual({ country: 'IT' });
  });
});

describe('matching places', () => {
  const nairobi = { lat: -1.2864, lon: 36.8219, radiusKm: 1 };
  const mombasa = { lat: -4.0435, lon: 39.6682, radiusKm: 5 };
  const cbd = square(36.8, -1.3, 0.04);

  it('meets a circle that holds, touches or lies inside a polygon, and not one far away', () => {
    const areas = prepareAreas([cbd]);
    expect(circleMeetsAreas(areas, nairobi)).toBe(true);
    expect(circleMeetsAreas(areas, { lat: -1.2, lon: 36.82, radiusKm: 9 })).toBe(true); // ~6.7 km north of the square's edge
    expect(circleMeetsAreas(areas, { lat: -1.2, lon: 36.82, radiusKm: 6 })).toBe(false);
    expect(circleMeetsAreas(areas, mombasa)).toBe(false);
  });

  it('sends an alert with areas only to places it meets, and a country-wide one to every place in the country', () => {
    const near = (circle: typeof nairobi, country: string) => ({ near: { ...circle, country, reach: [country] } });
    const withArea = { countries: ['KE'], areas: { type: 'FeatureCollection' as const, features: [cbd] } };
    expect(acceptsPlace(near(nairobi, 'KE'), withArea)).toBe(true);
    expect(acceptsPlace(near(mombasa, 'KE'), withArea)).toBe(false);
    expect(acceptsPlace(near(mombasa, 'KE'), { countries: ['KE'] })).toBe(true);
    expect(acceptsPlace(near(mombasa, 'KE'), { countries: ['TZ'] })).toBe(false);
    expect(acceptsPlace({}, withArea)).toBe(true); // no place: the scopes decided
  });

  it('filters listings by circle or box on areas, and on countries without areas', () => {
    const item = { countries: ['KE'], areas: { type: 'FeatureCollection' as const, features: [cbd] } };
    expect(itemMeetsPlace(item, { near: nairobi })).toBe(true);
    expect(itemMeetsPlace(item, { box: [36.7, -1.35, 36.81, -1.25] })).toBe(true);
    expect(itemMeetsPlace(item, { box: [39, -4.5, 40, -3.5] })).toBe(false);
    expect(itemMeetsPlace({ countries: ['KE'] }, { box: [39, -4.5, 40, -3.5] })).toBe(true);
    expect(itemMeetsPlace({ countries: ['MX'] }, { near: mombasa })).toBe(false);
  });
});

describe('area shapes', () => {
  it('drop foreign members and keep name and radius', () => {
    const parsed = AreasSchema.parse({ type: 'FeatureCollection', bbox: [0, 0, 1, 1], features: [{ type: 'Feature', id: 7, properties: { name: 'Port', stroke: '#555', radiusKm: 2 }, geometry: { type: 'Point', coordinates: [39.67, -4.05] } }] });
    expect(parsed).toEqual({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Port', radiusKm: 2 }, geometry: { type: 'Point', coordinates: [39.67, -4.05] } }] });
  });
});

describe('ISO 3166-2 subdivisions', () => {
  it('know codes and names from the iso-3166 package', () => {
    expect(findSubdivision('MX-COL')).toEqual({ code: 'MX-COL', name: 'Colima' });
    expect(findSubdivision('MX-XXX')).toBeUndefined();
    expect(subdivisionsOf('MX').length).toBe(32);
  });
});
