/**
 * The binary form of the world's country outlines (docs/decisions/0045):
 * the map's own rings, in whole tenths of a viewBox unit, as zigzag
 * varints — per country its two-letter code, its ring count, and per ring
 * its point count, its first point and then each step from the previous
 * point. Lossless: decoding gives back exactly the integers encoded. Most
 * steps are a few tenths, so most numbers take one byte; Brotli and Base64
 * on top are the generated module's business (world-paths.generated.ts).
 */

/** A ring of the projected map, in whole tenths of a viewBox unit, not closed (the last point is not the first again). */
export type TenthsRing = readonly (readonly [x: number, y: number])[];

/** One country's outline: its ISO 3166-1 alpha-2 code and its rings. */
export type CountryRings = readonly [cc: string, rings: readonly TenthsRing[]];

/** The bytes of `countries`, in their order. */
export function encodeOutlines(countries: readonly CountryRings[]): Uint8Array {
  const bytes: number[] = [];
  const put = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new Error(`outline-codec: ${n} is not a whole number of tenths`);
    let z = n < 0 ? -2 * n - 1 : 2 * n;
    while (z >= 0x80) {
      bytes.push((z % 0x80) | 0x80);
      z = Math.floor(z / 0x80);
    }
    bytes.push(z);
  };
  for (const [cc, rings] of countries) {
    if (!/^[A-Z]{2}$/.test(cc)) throw new Error(`outline-codec: bad country code ${cc}`);
    bytes.push(cc.charCodeAt(0), cc.charCodeAt(1));
    put(rings.length);
    for (const ring of rings) {
      put(ring.length);
      let [px, py] = [0, 0];
      for (const [x, y] of ring) {
        put(x - px);
        put(y - py);
        [px, py] = [x, y];
      }
    }
  }
  return Uint8Array.from(bytes);
}

/** The countries encoded in `bytes`, in their order. */
export function decodeOutlines(bytes: Uint8Array): [cc: string, rings: [number, number][][]][] {
  let at = 0;
  const get = (): number => {
    let z = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at++];
      if (byte === undefined) throw new Error('outline-codec: the outlines end in the middle of a number');
      z += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
    }
    return z % 2 === 1 ? -(z + 1) / 2 : z / 2;
  };
  const countries: [string, [number, number][][]][] = [];
  while (at < bytes.length) {
    const cc = String.fromCharCode(bytes[at]!, bytes[at + 1]!);
    at += 2;
    const rings: [number, number][][] = [];
    for (let r = get(); r > 0; r--) {
      const ring: [number, number][] = [];
      let [x, y] = [0, 0];
      for (let n = get(); n > 0; n--) {
        x += get();
        y += get();
        ring.push([x, y]);
      }
      rings.push(ring);
    }
    countries.push([cc, rings]);
  }
  return countries;
}
