import { brotliDecompressSync } from 'node:zlib';
import { SUBDIVISION_DATA_BROTLI } from './subdivision-data.generated';

/**
 * ISO 3166-2 subdivisions (the `iso-3166` package's list, generated into a
 * compressed module by scripts/generate-data.ts; docs/decisions/0061),
 * decoded on first use and kept for the life of the process.
 */

export interface Subdivision {
  /** `MX-COL` */
  code: string;
  /** `Colima` */
  name: string;
}

let byCode: Map<string, Subdivision> | undefined;
let byCountry: Map<string, Subdivision[]> | undefined;

function load(): { byCode: Map<string, Subdivision>; byCountry: Map<string, Subdivision[]> } {
  if (!byCode || !byCountry) {
    const text = brotliDecompressSync(Buffer.from(SUBDIVISION_DATA_BROTLI, 'base64')).toString('utf8');
    byCode = new Map();
    byCountry = new Map();
    for (const line of text.split('\n')) {
      const [cc = '', entries = ''] = line.split('=');
      const list = entries.split('|').map((entry) => {
        const space = entry.indexOf(' ');
        return { code: `${cc}-${entry.slice(0, space)}`, name: entry.slice(space + 1) };
      });
      byCountry.set(cc, list);
      for (const s of list) byCode.set(s.code, s);
    }
  }
  return { byCode, byCountry };
}

/** The subdivision with this ISO 3166-2 code, or undefined. */
export function findSubdivision(code: string): Subdivision | undefined {
  return load().byCode.get(code);
}

/** "Colima (MX-COL)", or the code alone for one the list does not know. */
export function subdivisionLabel(code: string): string {
  const found = findSubdivision(code);
  return found ? `${found.name} (${code})` : code;
}

/** Every subdivision of a country, in code order. */
export function subdivisionsOf(cc: string): readonly Subdivision[] {
  return load().byCountry.get(cc) ?? [];
}
