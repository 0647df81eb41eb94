import { countryName } from '../../shared/domain/country';
import type { AreaFeature, Box, Position } from '../../shared/domain/place';
import { boxesMeet } from '../../shared/geo/areas';
import { countryOutline, growBox } from '../../shared/geo/outlines';
import { project } from '../../shared/geo/projection';
import { worldGeometry } from './world-geometry';
import { escapeXml } from './world-map';

/** Options for {@link renderCountryMapSvg}. */
export interface CountryMapOptions {
  /** Prefix for the ids inside the SVG. */
  id: string;
  /** The map's accessible name. */
  title: string;
  /** Marks the SVG as a place picker for web/assets' `place-picker` script. */
  picker?: boolean;
}

const KM_PER_DEGREE = 111.2;

/** The viewBox around some countries' boxes (in degrees), projected, with a margin; the whole map when none is known. */
function viewBoxOf(boxes: readonly Box[]): [number, number, number, number] {
  if (boxes.length === 0) {
    const [, , w, h] = worldGeometry().viewBox.split(' ').map(Number) as [number, number, number, number];
    return [0, 0, w, h];
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [w, s, e, n] of boxes) {
    for (const lat of [s, (s + n) / 2, n]) {
      for (const lon of [w, e]) {
        const [x, y] = project([lon, lat]);
        xs.push(x);
        ys.push(y);
      }
    }
  }
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const size = Math.max(maxX - minX, maxY - minY, 2);
  const pad = size * 0.08;
  return [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad];
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const pointText = (p: Position) => project(p).map(round).join(',');

/** One area as SVG: a path per polygon, a circle for a circle (its radius measured north–south at its centre). */
function areaSvg(area: AreaFeature, label: string): string {
  const g = area.geometry;
  const title = `<title>${escapeXml(label)}</title>`;
  if (g.type === 'Point') {
    const [cx, cy] = project(g.coordinates);
    const [, north] = project([g.coordinates[0], g.coordinates[1] + (area.properties.radiusKm ?? 0) / KM_PER_DEGREE]);
    return `<circle class="area" cx="${round(cx)}" cy="${round(cy)}" r="${round(Math.max(Math.abs(cy - north), 0.05))}">${title}</circle>`;
  }
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const d = polygons.map((rings) => rings.map((ring) => `M${ring.slice(0, -1).map(pointText).join('L')}Z`).join('')).join('');
  return `<path class="area" d="${d}">${title}</path>`;
}

/** Words for one area: its name, or what it is. */
export function areaLabel(area: AreaFeature, index: number): string {
  const name = area.properties.name ?? `Area ${index + 1}`;
  return area.geometry.type === 'Point' ? `${name}: within ${area.properties.radiusKm} km of ${area.geometry.coordinates[1]}, ${area.geometry.coordinates[0]}` : name;
}

/**
 * An inline SVG map of some countries (with their neighbours for context)
 * and, drawn over them, an item's areas: the world map's own outlines under
 * the same Equal Earth projection, cropped by the viewBox to the countries.
 * No tiles, no script: it is complete in the HTML. With `picker`, the
 * `place-picker` page script turns clicks on it into coordinates.
 *
 * @example renderCountryMapSvg(['KE'], areas.features, { id: 'pub-map', title: 'Where: Kenya' })
 */
export function renderCountryMapSvg(countries: readonly string[], areas: readonly AreaFeature[], options: CountryMapOptions): string {
  const boxes = countries.map((cc) => countryOutline(cc)?.box).filter((b): b is Box => b !== undefined);
  const [x, y, w, h] = viewBoxOf(boxes);
  const wanted = new Set(countries);
  const around = boxes.length > 0 ? boxes.map((b) => growBox(b, 300)) : undefined;
  const titleId = `${options.id}-title`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${round(x)} ${round(y)} ${round(w)} ${round(h)}" class="country-map" role="img" aria-labelledby="${escapeXml(titleId)}"${options.picker ? ' data-place-map=""' : ''}>`,
    `<title id="${escapeXml(titleId)}">${escapeXml(options.title)}</title>`,
    `<rect class="sea" x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}"/>`,
  ];
  for (const { cc, d } of worldGeometry().countries) {
    const box = countryOutline(cc)?.box;
    if (around && !(box && around.some((a) => boxesMeet(a, box)))) continue;
    parts.push(`<path class="${wanted.has(cc) ? 'land focus' : 'land'}" d="${d}"><title>${escapeXml(countryName(cc))}</title></path>`);
  }
  areas.forEach((area, i) => parts.push(areaSvg(area, areaLabel(area, i))));
  parts.push('</svg>');
  return parts.join('');
}

/** The country map's stylesheet (areas hatched in a dark red that keeps 3:1 against land and sea). */
export const COUNTRY_MAP_CSS = `
.country-map{display:block;width:100%;max-width:40rem;height:auto;border:1px solid #6b6b6b;background:#dcebf5}
.country-map .sea{fill:#dcebf5}
.country-map .land{fill:#f2f2f2;stroke:#6b6b6b;stroke-width:.5px;vector-effect:non-scaling-stroke}
.country-map .land.focus{fill:#fff;stroke:#222;stroke-width:1.5px}
.country-map .area{fill:rgba(179,0,0,.35);stroke:#b30000;stroke-width:2px;vector-effect:non-scaling-stroke}
.country-map .draft{fill:rgba(0,72,186,.25);stroke:#0048ba;stroke-width:2px;vector-effect:non-scaling-stroke}
.country-map[data-place-map]{cursor:crosshair}
`.trim();
