import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { validateXML } from 'xmllint-wasm';
import type { AdvisoryLevel } from '../../../shared/domain/advisory-level';
import { allCountries, findCountry } from '../../../shared/domain/country';
import { worldGeometry } from '../../../web/map/world-geometry';
import { countryLabel, escapeXml, MAP_CSS, renderWorldMapSvg } from '../../../web/map/world-map';

/** The size budget for the whole inline SVG, in bytes of UTF-8. */
const SIZE_BUDGET = 150_000;

const LEVELS = new Map<string, AdvisoryLevel>([
  ['KE', 2],
  ['MX', 3],
  ['UA', 4],
  ['FR', 1],
  ['XK', 2],
  ['ST', 1], // São Tomé and Príncipe: a name outside ASCII
]);

interface PathInfo {
  cc: string | null;
  level: string | null;
  className: string | null;
  title: string;
  href: string | null;
  tabindex: string | null;
  ariaHidden: string | null;
  ariaLabel: string | null;
}

/** Parses the SVG (xmlbuilder2 gives a DOM) and reads every country path with its link. */
function pathsOf(svg: string): PathInfo[] {
  const root = create(svg).root().node as unknown as Element;
  return Array.from(root.getElementsByTagName('path')).map((path) => {
    const link = path.parentNode as Element;
    return {
      cc: path.getAttribute('data-cc'),
      level: path.getAttribute('data-level'),
      className: path.getAttribute('class'),
      title: path.getElementsByTagName('title')[0]?.textContent ?? '',
      href: link.getAttribute('href'),
      tabindex: link.getAttribute('tabindex'),
      ariaHidden: link.getAttribute('aria-hidden'),
      ariaLabel: link.getAttribute('aria-label'),
    };
  });
}

async function expectWellFormed(svg: string): Promise<void> {
  const result = await validateXML({ xml: { fileName: 'map.svg', contents: svg }, normalization: 'c14n' });
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
}

/** The bounding box of an `M x,y l dx,dy … z` path, in viewBox units. */
function boundsOf(d: string): { minX: number; maxX: number } {
  const numbers = d.match(/[Mlz]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
  let minX = Infinity;
  let maxX = -Infinity;
  let x = 0;
  let command = '';
  let expectX = true;
  for (const token of numbers) {
    if (/^[Mlz]$/.test(token)) {
      command = token;
      expectX = true;
      continue;
    }
    if (expectX) {
      x = command === 'M' ? Number(token) : x + Number(token);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      if (command === 'M') command = 'l'; // later pairs after M are relative here
    }
    expectX = !expectX;
  }
  return { minX, maxX };
}

describe('worldGeometry', () => {
  it('computes the projection once and hands back the same object on every call', () => {
    // The same object proves it was not computed again; a time limit would only measure the machine's load.
    const first = worldGeometry();
    const second = worldGeometry();
    expect(second).toBe(first);
    expect(second.countries).toBe(first.countries);
  });

  it('is frozen, so no request can change the map the next one gets', () => {
    const geometry = worldGeometry();
    expect(Object.isFrozen(geometry)).toBe(true);
    expect(Object.isFrozen(geometry.countries)).toBe(true);
    expect(Object.isFrozen(geometry.countries[0])).toBe(true);
  });

  it('draws each country once, under a known ISO 3166-1 alpha-2 code and its domain name', () => {
    const { countries } = worldGeometry();
    const codes = countries.map((c) => c.cc);
    expect(new Set(codes).size).toBe(codes.length);
    for (const shape of countries) {
      expect(shape.cc).toMatch(/^[A-Z]{2}$/);
      expect(findCountry(shape.cc)?.name).toBe(shape.name);
      expect(shape.d).toMatch(/^M[^M]*z(M[^M]*z)*$/);
    }
    // 1:50m covers all but Antarctica (dropped) and a few specks Natural Earth doesn't draw.
    expect(countries.length).toBeGreaterThanOrEqual(allCountries().length - 6);
  });

  it('keeps countries in English-name order, the order of allCountries() and of keyboard focus', () => {
    const order = allCountries().map((c) => c.code);
    const indexes = worldGeometry().countries.map((c) => order.indexOf(c.cc));
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });

  it('gives the features Natural Earth leaves unnumbered a deliberate home', () => {
    const codes = new Set(worldGeometry().countries.map((c) => c.cc));
    for (const cc of ['XK', 'SO', 'CY', 'CX', 'CC', 'IN', 'PK']) expect(codes).toContain(cc);
    expect(codes).not.toContain('AQ');
  });

  it('draws overseas departments under their own codes, not under France', () => {
    const { countries, viewBox } = worldGeometry();
    const width = Number(viewBox.split(' ')[2]);
    const france = countries.find((c) => c.cc === 'FR')!;
    const guiana = countries.find((c) => c.cc === 'GF')!;
    // Metropolitan France and Corsica sit right of the Greenwich meridian's
    // neighbourhood; French Guiana is far to the west of it.
    expect(boundsOf(france.d).minX).toBeGreaterThan(width * 0.45);
    expect(boundsOf(guiana.d).maxX).toBeLessThan(width * 0.4);
  });

  it('fits a 960-unit-wide viewBox with no Antarctic band', () => {
    const [x, y, w, h] = worldGeometry().viewBox.split(' ').map(Number);
    expect([x, y, w]).toEqual([0, 0, 960]);
    expect(h).toBeGreaterThan(380);
    expect(h).toBeLessThan(500);
  });
});

describe('renderWorldMapSvg', () => {
  it('is well-formed XML', async () => {
    await expectWellFormed(renderWorldMapSvg(LEVELS));
    await expectWellFormed(renderWorldMapSvg(new Map()));
  });

  it('gives each country with an advisory exactly one path with its level', () => {
    const paths = pathsOf(renderWorldMapSvg(LEVELS));
    for (const [cc, level] of LEVELS) {
      const mine = paths.filter((p) => p.cc === cc);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ level: String(level), className: `lvl-${level}`, href: `/countries/${cc}` });
    }
  });

  it('leaves data-level off every country without an advisory', () => {
    const paths = pathsOf(renderWorldMapSvg(LEVELS)).filter((p) => !LEVELS.has(p.cc ?? ''));
    expect(paths.length).toBeGreaterThan(200);
    for (const path of paths) {
      expect(path.level).toBeNull();
      expect(path.className).toBe('lvl-none');
    }
    expect(renderWorldMapSvg(new Map())).not.toContain('data-level');
  });

  it('draws one path per country, each with a valid code and a link to its page', () => {
    const paths = pathsOf(renderWorldMapSvg(LEVELS));
    expect(paths.map((p) => p.cc)).toEqual(worldGeometry().countries.map((c) => c.cc));
    for (const path of paths) {
      expect(findCountry(path.cc ?? '')).toBeDefined();
      expect(path.href).toBe(`/countries/${path.cc}`);
    }
  });

  it('titles each country with its level in plain language', () => {
    const paths = pathsOf(renderWorldMapSvg(LEVELS));
    expect(paths.find((p) => p.cc === 'KE')?.title).toBe('Kenya – Level 2: Exercise Increased Caution');
    expect(paths.find((p) => p.cc === 'UA')?.title).toBe('Ukraine – Level 4: Do Not Travel');
    expect(paths.find((p) => p.cc === 'ST')?.title).toBe('São Tomé and Príncipe – Level 1: Exercise Normal Precautions');
    expect(paths.find((p) => p.cc === 'CL')?.title).toBe('Chile – No advisory');
  });

  it('puts only countries with an advisory in the tab order and the accessibility tree', () => {
    for (const path of pathsOf(renderWorldMapSvg(LEVELS))) {
      if (LEVELS.has(path.cc ?? '')) {
        expect(path).toMatchObject({ tabindex: null, ariaHidden: null, ariaLabel: path.title });
      } else {
        expect(path).toMatchObject({ tabindex: '-1', ariaHidden: 'true', ariaLabel: null });
      }
    }
  });

  it('is a group named by its own title, so the links inside stay reachable', () => {
    const svg = renderWorldMapSvg(LEVELS, { title: 'Advisories today', id: 'home-map' });
    expect(svg).toMatch(/^<svg [^>]*role="group" aria-labelledby="home-map-title"/);
    expect(svg).toContain('<title id="home-map-title">Advisories today</title>');
  });

  it('ignores codes that have no shape on the map', () => {
    const paths = pathsOf(renderWorldMapSvg(new Map<string, AdvisoryLevel>([['TV', 3], ['KE', 1]])));
    expect(paths.some((p) => p.cc === 'TV')).toBe(false);
    expect(paths.filter((p) => p.level !== null).map((p) => p.cc)).toEqual(['KE']);
  });

  it('carries no inline style or event handler, for a strict Content-Security-Policy', () => {
    const svg = renderWorldMapSvg(LEVELS);
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toMatch(/\son[a-z]+=/i);
    expect(svg).not.toContain('<script');
  });

  it(`stays under ${SIZE_BUDGET / 1000} KB even with every country under an advisory`, () => {
    const every = new Map(worldGeometry().countries.map((c, i) => [c.cc, ((i % 4) + 1) as AdvisoryLevel]));
    const svg = renderWorldMapSvg(every);
    expect(pathsOf(svg).every((p) => p.level !== null)).toBe(true);
    expect(Buffer.byteLength(svg, 'utf8')).toBeLessThan(SIZE_BUDGET);
  });

  it('escapes a hostile title and stays well-formed', async () => {
    const svg = renderWorldMapSvg(LEVELS, { title: `Tom & Jerry's <map> "now"\u0001`, id: 'a"b' });
    expect(svg).toContain('<title id="a&quot;b-title">Tom &amp; Jerry&#39;s &lt;map&gt; &quot;now&quot;</title>');
    await expectWellFormed(svg);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('drops characters XML cannot carry and keeps the rest of Unicode', () => {
    expect(escapeXml('Côte\u0000 d\u001FIvoire \u{1F30D}\uFFFE')).toBe('Côte dIvoire \u{1F30D}');
  });

  it('is what country labels go through, so a name with markup in it cannot break the map', () => {
    const label = escapeXml(countryLabel('Trinidad & <Tobago>', 3));
    expect(label).toBe('Trinidad &amp; &lt;Tobago&gt; – Level 3: Reconsider Travel');
  });
});

describe('MAP_CSS', () => {
  it('styles every level class and a visible focus', () => {
    for (const cls of ['lvl-none', 'lvl-1', 'lvl-2', 'lvl-3', 'lvl-4']) expect(MAP_CSS).toContain(`.world-map .${cls}{fill:`);
    expect(MAP_CSS).toMatch(/a:focus-visible\{outline:3px solid/);
  });
});
