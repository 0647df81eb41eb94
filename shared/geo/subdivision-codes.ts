import { brotliDecompressSync } from 'node:zlib';
import { SUBDIVISION_CODES_BROTLI } from './subdivision-codes.generated';

let codes: ReadonlySet<string> | undefined;

/**
 * Whether ISO 3166-2 lists this subdivision code (`MX-COL`). Reads the codes
 * alone (subdivision-codes.generated.ts, the names' list without the names),
 * so a function that only checks codes, such as the Api function saving a
 * draft, does not carry every subdivision's name; the list is the same as
 * subdivisions.ts's, so every function answers alike (docs/decisions/0045).
 */
export function isSubdivisionCode(code: string): boolean {
  codes ??= new Set(
    brotliDecompressSync(Buffer.from(SUBDIVISION_CODES_BROTLI, 'base64'))
      .toString('utf8')
      .split('\n')
      .flatMap((line) => {
        const [cc = '', subs = ''] = line.split('=');
        return subs.split(' ').map((sub) => `${cc}-${sub}`);
      }),
  );
  return codes.has(code);
}
