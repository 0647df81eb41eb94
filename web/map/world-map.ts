import { levelName } from '../../shared/domain/advisory-level';
import type { AdvisoryLevel } from '../../shared/domain/advisory-level';
import { worldGeometry } from './world-geometry';

/** Options for {@link renderWorldMapSvg}. */
export interface WorldMapOptions {
  /** The map's accessible name; defaults to "Travel advisories by country". */
  title?: string;
  /** Prefix for the ids inside the SVG, so two maps on one page don't clash. */
  id?: string;
}

/**
 * Renders the home page's world map as a complete inline `<svg>` string:
 * one `<a href="/countries/{cc}"><path data-cc data-level class>` per country,
 * with `data-level` only where the country has a current advisory, and a
 * `<title>` tooltip naming the country and its level. Styling is by class
 * only (see {@link MAP_CSS}): no `style` attributes and no event handlers,
 * so the page can run under a strict Content-Security-Policy.
 *
 * Accessibility decisions:
 * - The root is `role="group"`, not `role="img"`: `img` makes its children
 *   presentational, and focusable links inside it are an ARIA conflict
 *   (ACT rule 307n5z, axe `nested-interactive`). The group is named by the
 *   SVG's `<title>`.
 * - Only countries with an advisory are in the tab order and exposed to
 *   assistive technology, each link named "Kenya – Level 2: …". Tabbing
 *   through ~240 shapes to reach a handful of advisories would be useless;
 *   the other countries stay clickable links for pointer users
 *   (`tabindex="-1"`, `aria-hidden="true"`), and the page's table carries
 *   every country for screen readers.
 * - Countries come in English-name order (as in that table), so keyboard
 *   focus moves alphabetically.
 *
 * Codes in `levels` with no shape on the map (microstates Natural Earth
 * doesn't draw, e.g. Tuvalu) are left to the table.
 *
 * @example
 * const svg = renderWorldMapSvg(new Map([['KE', 2], ['MX', 3]]));
 * // <svg …><a href="/countries/KE" aria-label="Kenya – Level 2: Exercise Increased Caution">
 * //   <path data-cc="KE" data-level="2" class="lvl-2" d="…"><title>Kenya – Level 2: …</title></path></a>…
 */
export function renderWorldMapSvg(levels: ReadonlyMap<string, AdvisoryLevel>, options: WorldMapOptions = {}): string {
  const { viewBox, countries } = worldGeometry();
  const titleId = `${options.id ?? 'world-map'}-title`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" class="world-map" role="group" aria-labelledby="${escapeXml(titleId)}">`,
    `<title id="${escapeXml(titleId)}">${escapeXml(options.title ?? 'Travel advisories by country')}</title>`,
  ];
  for (const { cc, name, d } of countries) {
    const level = levels.get(cc);
    const code = escapeXml(cc);
    const label = escapeXml(countryLabel(name, level));
    const link =
      level === undefined
        ? `<a href="/countries/${code}" tabindex="-1" aria-hidden="true">`
        : `<a href="/countries/${code}" aria-label="${label}">`;
    const levelAttrs = level === undefined ? 'class="lvl-none"' : `data-level="${level}" class="lvl-${level}"`;
    parts.push(`${link}<path data-cc="${code}" ${levelAttrs} d="${d}"><title>${label}</title></path></a>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** "Kenya – Level 2: Exercise Increased Caution", or "Kenya – No advisory". */
export function countryLabel(name: string, level: AdvisoryLevel | undefined): string {
  return level === undefined ? `${name} – No advisory` : `${name} – Level ${level}: ${levelName(level)}`;
}

// Everything outside XML 1.0's Char production, which no escape can carry.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for SVG element content and quoted attribute values, and drops
 * characters XML cannot hold, so the map also parses as standalone XML.
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/**
 * The map's stylesheet, for the page's `<style nonce>` or static CSS file.
 *
 * Colours: ColorBrewer's YlOrRd, a sequential ramp that stays legible with
 * the common colour-vision deficiencies because its lightness falls strictly
 * with the level: each level has at least 1.7:1 contrast with the one below,
 * so the order also reads in greyscale. "No advisory" is a near-white grey.
 * Every country is outlined in #6b6b6b (5.3:1 on the white background),
 * which gives each shape the 3:1 boundary WCAG 1.4.11 asks for whatever its
 * fill. Colour is never the only carrier: titles, link names and the page's
 * table say the level in words. Focus gets a thick black outline (Highlight
 * in forced-colours mode).
 * The colours are custom properties so a legend can reuse them.
 */
export const MAP_CSS = `
:root{--map-bg:#ffffff;--map-border:#6b6b6b;--map-lvl-none:#f2f2f2;--map-lvl-1:#fed976;--map-lvl-2:#fd8d3c;--map-lvl-3:#e31a1c;--map-lvl-4:#800026}
.world-map{display:block;width:100%;height:auto;background:var(--map-bg)}
.world-map path{stroke:var(--map-border);stroke-width:.5px;stroke-linejoin:round;vector-effect:non-scaling-stroke}
.world-map .lvl-none{fill:var(--map-lvl-none)}
.world-map .lvl-1{fill:var(--map-lvl-1)}
.world-map .lvl-2{fill:var(--map-lvl-2)}
.world-map .lvl-3{fill:var(--map-lvl-3)}
.world-map .lvl-4{fill:var(--map-lvl-4)}
.world-map a:hover path{stroke:#000;stroke-width:1.5px}
.world-map a:focus-visible path{stroke:#000;stroke-width:3px}
.world-map a:focus-visible{outline:3px solid #000;outline-offset:1px}
@media (forced-colors:active){.world-map a:focus-visible{outline-color:Highlight}.world-map a:focus-visible path{stroke:Highlight}}
`.trim();
