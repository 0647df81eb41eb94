import { describe, expect, it } from 'vitest';
import { CAP_NS, renderCap, type CapOptions } from '../../../shared/formats/cap';
import { alertInput, BASE_URL, versionOf } from './fixtures';
import { capErrors, childElements, parseXml } from './xml-validation';

const OPTS: CapOptions = { baseUrl: BASE_URL, sender: 'outpost.example' };

function areaOf(xml: string): Element {
  const info = childElements(parseXml(xml).documentElement, CAP_NS, 'info')[0]!;
  return childElements(info, CAP_NS, 'area')[0]!;
}
const texts = (area: Element, name: string) => childElements(area, CAP_NS, name).map((e) => e.textContent);

describe('CAP areas', () => {
  const cbd = [[36.8, -1.3], [36.84, -1.3], [36.84, -1.27], [36.8, -1.27], [36.8, -1.3]];
  const westlands = [[36.79, -1.27], [36.81, -1.27], [36.81, -1.25], [36.79, -1.27]];
  const input = alertInput({
    countries: ['KE'],
    subdivisions: ['KE-30', 'KE-28'],
    areas: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'Nairobi CBD' }, geometry: { type: 'Polygon', coordinates: [cbd] } },
        { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[westlands]] } },
        { type: 'Feature', properties: { name: 'Mombasa port', radiusKm: 2.5 }, geometry: { type: 'Point', coordinates: [39.67, -4.05] } },
      ],
    },
  });

  it('carries polygons, circles and ISO 3166-2 geocodes and still validates against the CAP 1.2 XSD', async () => {
    const xml = renderCap(versionOf(input), OPTS);
    expect(await capErrors(xml)).toEqual([]);
    const area = areaOf(xml);
    expect(texts(area, 'polygon')).toEqual(['-1.3,36.8 -1.3,36.84 -1.27,36.84 -1.27,36.8 -1.3,36.8', '-1.27,36.79 -1.27,36.81 -1.25,36.81 -1.27,36.79']);
    expect(texts(area, 'circle')).toEqual(['-4.05,39.67 2.5']);
    const geocodes = childElements(area, CAP_NS, 'geocode').map((g) => [childElements(g, CAP_NS, 'valueName')[0]!.textContent, childElements(g, CAP_NS, 'value')[0]!.textContent]);
    expect(geocodes).toEqual([
      ['ISO 3166-1 alpha-2', 'KE'],
      ['ISO 3166-2', 'KE-30'],
      ['ISO 3166-2', 'KE-28'],
    ]);
  });

  it('meets what public alert aggregators ask of areas: closed polygons of four or more pairs, a real radius, a short areaDesc', () => {
    const area = areaOf(renderCap(versionOf(input), OPTS));
    for (const polygon of texts(area, 'polygon')) {
      const pairs = polygon!.split(' ');
      expect(pairs.length).toBeGreaterThanOrEqual(4);
      expect(pairs[0]).toBe(pairs.at(-1));
    }
    expect(Number(texts(area, 'circle')[0]!.split(' ')[1])).toBeGreaterThanOrEqual(0.1);
    const desc = texts(area, 'areaDesc')[0]!;
    expect(desc).toBe('Nairobi CBD, Mombasa port – Kenya');
    const many = renderCap(versionOf(alertInput({ countries: ['KE', 'TZ', 'UG', 'RW', 'BI', 'SS', 'ET', 'SO'] })), OPTS);
    expect([...texts(areaOf(many), 'areaDesc')[0]!].length).toBeLessThan(50);
  });
});
