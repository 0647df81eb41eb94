/**
 * IP address text as numbers, for the outbound-request guard and for keying
 * rate limits by client network. Pure; no DNS.
 */

/** A dotted-quad IPv4 address as a 32-bit number, or undefined. */
export function v4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** Whether the IPv4 `value` lies in `base`/`prefix`. */
export function inV4Range(value: number, base: string, prefix: number): boolean {
  const size = 2 ** (32 - prefix);
  const start = v4ToNumber(base) as number;
  return value >= start && value < start + size;
}

/** Eight 16-bit groups, or undefined when `address` is not IPv6 text. Accepts a dotted IPv4 tail and drops a zone (`%eth0`). */
export function v6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(text) || !text.includes(':')) return undefined;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = v4ToNumber(last);
    if (v4 === undefined) return undefined;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const known = head.length + rest.length + tail.length;
  if ([...head, ...rest].some(Number.isNaN)) return undefined;
  if (halves.length === 1 && known !== 8) return undefined;
  if (halves.length === 2 && known > 7) return undefined;
  const zeros = halves.length === 2 ? new Array<number>(8 - known).fill(0) : [];
  return [...head, ...zeros, ...rest, ...tail];
}

/** Whether IPv6 `groups` lie in `prefix` (text, e.g. `fc00::`) of `length` bits. */
export function inV6Prefix(groups: readonly number[], prefix: string, length: number): boolean {
  const base = v6Groups(prefix) as number[];
  for (let bit = 0; bit < length; bit += 16) {
    const i = bit / 16;
    const bits = Math.min(16, length - bit);
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== ((base[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** The IPv4 address an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) carries, as a number; undefined for any other address. */
export function mappedV4(groups: readonly number[]): number | undefined {
  return inV6Prefix(groups, '::ffff:0:0', 96) ? (groups[6] ?? 0) * 65536 + (groups[7] ?? 0) : undefined;
}

/**
 * The client network a rate limit counts against: an IPv4 address itself
 * (an IPv4-mapped IPv6 address as its IPv4), an IPv6 address as its /64 (one
 * subscriber line usually holds a whole /64, so counting single IPv6
 * addresses would let one client change address per request). Anything
 * else is kept as given, bounded.
 */
export function clientNetworkKey(address: string): string {
  const bare = (address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address).trim();
  const v4 = v4ToNumber(bare);
  if (v4 !== undefined) return v4Text(v4);
  const groups = v6Groups(bare);
  if (!groups) return bare.slice(0, 64).toLowerCase();
  const mapped = mappedV4(groups);
  if (mapped !== undefined) return v4Text(mapped);
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

function v4Text(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
