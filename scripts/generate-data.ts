/**
 * `npm run generate`: writes the country table and the projected world map
 * into committed TypeScript modules, so that no Lambda bundle carries
 * `world-countries` (~690 KiB) or `world-atlas` with d3-geo and
 * topojson-client (~790 KiB) — see docs/decisions/0009. Those packages are
 * devDependencies, read only here.
 *
 * - `shared/domain/country-data.generated.ts`: code, name and bureau of
 *   every country, sorted by English name; and
 *   `shared/domain/country-details.generated.ts`, each one's numeric code,
 *   other names, capitals and time zone (docs/decisions/0046).
 * - `shared/geo/world-paths.generated.ts`: the map's viewBox, every country's
 *   outline in the same order (compact binary, compressed; docs/decisions/0045),
 *   the projection's scale and translation, and a label position per country
 *   (read by the maps and by shared/geo's outlines).
 * - `shared/geo/subdivision-data.generated.ts`: every ISO 3166-2 code and name
 *   from `iso-3166`, compressed (docs/decisions/0061); and
 *   `shared/geo/subdivision-codes.generated.ts`, the codes alone (0045).
 * - `docs/data-model.md`: the entity table, from the key templates in
 *   `shared/adapters/dynamodb/entities.ts`.
 *
 * `npm run generate -- --check` writes nothing and fails if a committed
 * module differs from what the installed packages produce; the unit tests
 * (tests/unit/domain/country-data.test.ts, tests/unit/web/world-paths.test.ts)
 * assert the same, so the modules cannot drift from their sources.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getCountry, getTimezone } from 'countries-and-timezones';
import countries from 'world-countries';
import { DATA_MODEL_DOC, renderDataModelDoc } from './generate/data-model-doc';
import { compressedSubdivisions, subdivisionCodesText, subdivisionText } from './generate/subdivisions';
import { compressedOutlines, worldPaths, type WorldPaths } from './generate/world-paths';
import type { Country } from '../shared/domain/country';
import type { CountryDetails } from '../shared/domain/country-details';
import type { Region } from '../shared/domain/region';

export { DATA_MODEL_DOC, renderDataModelDoc, worldPaths, type WorldPaths };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where each generated module lives, relative to the project root. */
export const COUNTRY_DATA_MODULE = 'shared/domain/country-data.generated.ts';
export const COUNTRY_DETAILS_MODULE = 'shared/domain/country-details.generated.ts';
export const WORLD_PATHS_MODULE = 'shared/geo/world-paths.generated.ts';
export const SUBDIVISION_DATA_MODULE = 'shared/geo/subdivision-data.generated.ts';
export const SUBDIVISION_CODES_MODULE = 'shared/geo/subdivision-codes.generated.ts';

// ---------------------------------------------------------------------------
// Countries (docs/decisions/0003)

/**
 * Where the Department's bureaus differ from the UN geoscheme that
 * `world-countries` carries. North Africa and Iran sit in the Near East;
 * Turkey and the South Caucasus in Europe and Eurasia; Greenland follows
 * Denmark. Uninhabited Antarctic territories follow their administering
 * state; Antarctica itself is reached mostly from South America.
 */
const BUREAU_OVERRIDES: Record<string, Region> = {
  DZ: 'NEA', EG: 'NEA', EH: 'NEA', LY: 'NEA', MA: 'NEA', TN: 'NEA',
  IR: 'NEA',
  TR: 'EUR', AM: 'EUR', AZ: 'EUR', GE: 'EUR', CY: 'EUR',
  GL: 'EUR',
  AQ: 'WHA', BV: 'EUR', GS: 'EUR', TF: 'EUR', HM: 'EAP',
};

function bureauOf(region: string, subregion: string): Region {
  switch (region) {
    case 'Africa':
      return 'AF';
    case 'Americas':
      return 'WHA';
    case 'Europe':
      return 'EUR';
    case 'Oceania':
      return 'EAP';
    case 'Asia':
      if (subregion === 'Southern Asia' || subregion === 'Central Asia') return 'SCA';
      if (subregion === 'Western Asia') return 'NEA';
      return 'EAP';
    default:
      throw new Error(`No bureau rule for region "${region}/${subregion}"`);
  }
}

/**
 * Names people still use that `world-countries` lacks as a whole name
 * (it has "Republic of Turkey", not "Turkey").
 */
const MORE_NAMES: Record<string, string[]> = {
  TR: ['Turkey'],
  CV: ['Cabo Verde'],
  MM: ['Burma'],
  US: ['America', 'United States of America'],
  KR: ['Korea', 'Republic of Korea'],
  CD: ['DRC', 'Democratic Republic of the Congo', 'Congo-Kinshasa'],
  CG: ['Congo-Brazzaville', 'Republic of the Congo'],
  VA: ['Holy See'],
  TL: ['East Timor'],
  MK: ['Macedonia'],
  PS: ['Palestinian Territories'],
};

/**
 * The capital's zone of each country whose zones keep different times (tz
 * lists a country's zones without saying which is the capital's). The
 * generator fails for such a country missing here.
 */
const CAPITAL_ZONES: Record<string, string> = {
  US: 'America/New_York', CA: 'America/Toronto', MX: 'America/Mexico_City', BR: 'America/Sao_Paulo',
  CL: 'America/Santiago', EC: 'America/Guayaquil', GL: 'America/Nuuk',
  ES: 'Europe/Madrid', PT: 'Europe/Lisbon', RU: 'Europe/Moscow', UA: 'Europe/Kyiv',
  // tz files Kinshasa under Lagos, Palikir (Pohnpei) under Guadalcanal, Port-aux-Français (Kerguelen) under Maldives: the same times.
  CD: 'Africa/Lagos', FM: 'Pacific/Guadalcanal', TF: 'Indian/Maldives',
  CN: 'Asia/Shanghai', ID: 'Asia/Jakarta', KZ: 'Asia/Almaty', MN: 'Asia/Ulaanbaatar',
  AU: 'Australia/Sydney', NZ: 'Pacific/Auckland', PG: 'Pacific/Port_Moresby', KI: 'Pacific/Tarawa',
  PF: 'Pacific/Tahiti',
  // No zone of its own in tz: Kosovo keeps Belgrade's time.
  XK: 'Europe/Belgrade',
};

/**
 * The zone local times are shown in, and whether the country keeps several
 * different times. UTC (pages then show UTC alone) where there is no zone,
 * or several and no capital (Antarctica, the US Minor Outlying Islands).
 */
function timeZoneOf(code: string, capitals: readonly string[]): { timeZone: string; severalTimeZones: boolean } {
  const zones: string[] = getCountry(code as Parameters<typeof getCountry>[0])?.timezones ?? [];
  const first = zones[0];
  if (!first) return { timeZone: CAPITAL_ZONES[code] ?? 'UTC', severalTimeZones: false };
  const offsets = new Set(
    zones.map((name) => {
      const zone = getTimezone(name as Parameters<typeof getTimezone>[0]);
      return zone ? `${zone.utcOffset}/${zone.dstOffset}` : name;
    }),
  );
  if (offsets.size === 1) return { timeZone: CAPITAL_ZONES[code] ?? first, severalTimeZones: false };
  if (capitals.length === 0) return { timeZone: 'UTC', severalTimeZones: false };
  const capital = CAPITAL_ZONES[code];
  if (!capital || !zones.includes(capital)) throw new Error(`generate-data: ${code} keeps several times (${zones.join(', ')}); name its capital's zone in CAPITAL_ZONES`);
  return { timeZone: capital, severalTimeZones: true };
}

/** Alternatives of a country: distinct, without its name and two-letter code (both matched anyway). */
function alternativesOf(c: (typeof countries)[number]): string[] {
  const seen = new Set([c.name.common.toLowerCase(), c.cca2.toLowerCase()]);
  const out: string[] = [];
  for (const name of [c.name.official, ...c.altSpellings, ...(MORE_NAMES[c.cca2] ?? []), c.cca3]) {
    if (!name || seen.has(name.toLowerCase()) || /[^\p{Script=Latin}\p{N}\p{P}\p{Zs}]/u.test(name)) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

/** A country with everything the generator knows of it: the domain's table row and its details. */
export type CountryRow = Country & CountryDetails;

/** Every country from `world-countries` with its bureau, names and time zone, sorted by English name. */
export function countryTable(): CountryRow[] {
  return countries
    .map((c) => ({
      code: c.cca2,
      name: c.name.common,
      numeric: c.ccn3,
      region: BUREAU_OVERRIDES[c.cca2] ?? bureauOf(c.region, c.subregion),
      alternatives: alternativesOf(c),
      capitals: c.capital,
      ...timeZoneOf(c.cca2, c.capital),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

// ---------------------------------------------------------------------------
// The modules

function installedVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return `${name} ${manifest.version}`;
}

/** A single-quoted TypeScript string literal, as the rest of the tree writes them. */
function literal(text: string): string {
  if ([...text].some((ch) => ch < ' ' || ch === '\u2028' || ch === '\u2029')) throw new Error(`generate-data: control character in ${JSON.stringify(text)}`);
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function header(sources: string[]): string {
  return [
    `// Generated by scripts/generate-data.ts from ${sources.join(', ')}.`,
    '// Do not edit: change the generator and run `npm run generate` (docs/decisions/0009).',
    '',
  ].join('\n');
}

/** The text of {@link COUNTRY_DATA_MODULE} for a country table: code, name and bureau. */
export function renderCountryData(table: readonly CountryRow[]): string {
  const rows = table.map((c) => `  { code: ${literal(c.code)}, name: ${literal(c.name)}, region: ${literal(c.region)} },`);
  return [
    header([installedVersion('world-countries')]),
    "import type { Country } from './country';",
    '',
    '/** Every country with its bureau, sorted by English name. */',
    'export const COUNTRY_DATA: readonly Country[] = [',
    ...rows,
    '];',
    '',
  ].join('\n');
}

/** The text of {@link COUNTRY_DETAILS_MODULE} for a country table: numeric code, other names, capitals, time zone. */
export function renderCountryDetails(table: readonly CountryRow[]): string {
  const list = (items: readonly string[]) => `[${items.map(literal).join(', ')}]`;
  const rows = table.map(
    (c) =>
      `  ${c.code}: { numeric: ${literal(c.numeric)}, alternatives: ${list(c.alternatives)}, capitals: ${list(c.capitals)}, timeZone: ${literal(c.timeZone)}, severalTimeZones: ${String(c.severalTimeZones)} },`,
  );
  return [
    header([installedVersion('world-countries'), installedVersion('countries-and-timezones')]),
    "import type { CountryDetails } from './country-details';",
    '',
    '/** Every country\'s details by code, in the table\'s order. */',
    'export const COUNTRY_DETAILS: Readonly<Record<string, CountryDetails>> = {',
    ...rows,
    '};',
    '',
  ].join('\n');
}

/** The text of {@link WORLD_PATHS_MODULE} for a projected map. */
export function renderWorldPaths(world: WorldPaths): string {
  return [
    header([
      `${installedVersion('world-atlas')} (countries-50m.json)`,
      installedVersion('d3-geo'),
      installedVersion('topojson-client'),
      `${installedVersion('world-countries')} and ${installedVersion('@turf/point-on-feature')} (labels)`,
    ]),
    '/** The SVG viewBox of the projected map (Equal Earth, 960 units wide). */',
    `export const WORLD_VIEW_BOX = ${literal(world.viewBox)};`,
    '',
    '/**',
    ' * Every drawn country\'s outline (its rings in whole tenths of a viewBox unit), in English-name order,',
    ' * encoded by shared/geo/outline-codec.ts, Brotli-compressed and Base64-encoded (decoded by shared/geo/world-outlines.ts).',
    ' */',
    'export const WORLD_OUTLINES_BROTLI =',
    ...wrapped(compressedOutlines(world.outlines)),
    '',
    '/** The Equal Earth projection of the paths: x = raw x · scale + translate[0], y = translate[1] − raw y · scale. */',
    `export const WORLD_PROJECTION = { scale: ${world.projection.scale}, translate: [${world.projection.translate.join(', ')}] } as const;`,
    '',
    '/** `[alpha-2 code, longitude, latitude]`: where a map puts each country\'s label, in English-name order. */',
    'export const WORLD_LABELS: readonly (readonly [cc: string, lon: number, lat: number])[] = [',
    ...world.labels.map(([cc, lon, lat]) => `  [${literal(cc)}, ${lon}, ${lat}],`),
    '];',
    '',
  ].join('\n');
}

/** A long Base64 string as a concatenation of 120-character literals, one a line, ending the statement. */
function wrapped(encoded: string): string[] {
  const lines = encoded.match(/.{1,120}/g) ?? [];
  return lines.map((line, i) => `  '${line}'${i === lines.length - 1 ? ';' : ' +'}`);
}

/** The text of {@link SUBDIVISION_DATA_MODULE}: the ISO 3166-2 list, compressed (see scripts/generate/subdivisions.ts). */
export function renderSubdivisionData(text: string): string {
  return [
    header([installedVersion('iso-3166')]),
    '/**',
    ' * Every ISO 3166-2 code and English name, one `CC=SUB Name|SUB Name…` line per',
    ' * country, Brotli-compressed and Base64-encoded (decoded by shared/geo/subdivisions.ts).',
    ' */',
    'export const SUBDIVISION_DATA_BROTLI =',
    ...wrapped(compressedSubdivisions(text)),
    '',
  ].join('\n');
}

/** The text of {@link SUBDIVISION_CODES_MODULE}: the ISO 3166-2 codes alone, compressed, for the functions that only check codes. */
export function renderSubdivisionCodes(text: string): string {
  return [
    header([installedVersion('iso-3166')]),
    '/**',
    ' * Every ISO 3166-2 code, one `CC=SUB SUB…` line per country, Brotli-compressed and',
    ' * Base64-encoded (decoded by shared/geo/subdivision-codes.ts); the same list as',
    ' * subdivision-data.generated.ts without the names, so checking a code needs no names.',
    ' */',
    'export const SUBDIVISION_CODES_BROTLI =',
    ...wrapped(compressedSubdivisions(subdivisionCodesText(text))),
    '',
  ].join('\n');
}

/** `world-countries`' `latlng` of every country, as [lon, lat]: the label of countries the map does not draw. */
export function countryLatLng(): Map<string, [number, number]> {
  return new Map(countries.map((c) => [c.cca2, [c.latlng[1], c.latlng[0]] as [number, number]]));
}

/** Every generated file's text, keyed by its path relative to the project root. */
export function generatedModules(): Record<string, string> {
  const table = countryTable();
  return {
    [COUNTRY_DATA_MODULE]: renderCountryData(table),
    [COUNTRY_DETAILS_MODULE]: renderCountryDetails(table),
    [WORLD_PATHS_MODULE]: renderWorldPaths(worldPaths(table, countryLatLng())),
    [SUBDIVISION_DATA_MODULE]: renderSubdivisionData(subdivisionText()),
    [SUBDIVISION_CODES_MODULE]: renderSubdivisionCodes(subdivisionText()),
    [DATA_MODEL_DOC]: renderDataModelDoc(readFileSync(path.join(ROOT, DATA_MODEL_DOC), 'utf8')),
  };
}

function main(check: boolean): void {
  let stale = 0;
  for (const [file, text] of Object.entries(generatedModules())) {
    const target = path.join(ROOT, file);
    let current: string | undefined;
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) {
      console.log(`${file}: up to date`);
    } else if (check) {
      stale++;
      console.error(`${file}: differs from the generator's output; run \`npm run generate\``);
    } else {
      writeFileSync(target, text);
      console.log(`${file}: written (${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB)`);
    }
  }
  if (stale > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.includes('--check'));
}
