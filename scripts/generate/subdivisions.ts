/**
 * The ISO 3166-2 subdivision list for `shared/geo/subdivision-data.generated.ts`
 * (docs/decisions/0061): every code and English name from the `iso-3166`
 * package, one line per country — `MX=AGU Aguascalientes|BCN Baja California|…`
 * — Brotli-compressed and Base64-encoded, so the API bundle carries ~45 KiB
 * instead of the package's ~300 KiB of JavaScript, decoded once on first use.
 */
import { brotliCompressSync, constants } from 'node:zlib';
import { iso31662 } from 'iso-3166';

/** The plain text the module compresses: one `CC=SUB Name|SUB Name` line per country, sorted by code. */
export function subdivisionText(): string {
  const byCountry = new Map<string, string[]>();
  for (const { code, name } of [...iso31662].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    const [cc, sub] = [code.slice(0, 2), code.slice(3)];
    if (!/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(code) || /[|\n=]/.test(name)) throw new Error(`subdivisions: unexpected entry ${code} ${name}`);
    const list = byCountry.get(cc) ?? [];
    list.push(`${sub} ${name}`);
    byCountry.set(cc, list);
  }
  return [...byCountry].map(([cc, list]) => `${cc}=${list.join('|')}`).join('\n');
}

/** The same list without the names: one `CC=SUB SUB` line per country. */
export function subdivisionCodesText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const [cc, entries = ''] = line.split('=');
      return `${cc}=${entries.split('|').map((entry) => entry.slice(0, entry.indexOf(' '))).join(' ')}`;
    })
    .join('\n');
}

/** The Base64 of the Brotli-compressed list. */
export function compressedSubdivisions(text: string): string {
  return brotliCompressSync(Buffer.from(text, 'utf8'), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) },
  }).toString('base64');
}
