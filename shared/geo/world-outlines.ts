import { brotliDecompressSync } from 'node:zlib';
import { decodeOutlines } from './outline-codec';
import { WORLD_OUTLINES_BROTLI } from './world-paths.generated';

let decoded: readonly (readonly [cc: string, rings: [number, number][][]])[] | undefined;

/**
 * Every drawn country's rings in whole tenths of a viewBox unit, in
 * English-name order: the one copy of the world that both the map's paths
 * (web/map) and the country outlines of the place checks (outlines.ts) are
 * built from. Decoded on first use (a few milliseconds) and kept for the
 * life of the process; importing this module decodes nothing.
 */
export function worldOutlines(): readonly (readonly [cc: string, rings: readonly (readonly [number, number])[][]])[] {
  decoded ??= decodeOutlines(brotliDecompressSync(Buffer.from(WORLD_OUTLINES_BROTLI, 'base64')));
  return decoded;
}
