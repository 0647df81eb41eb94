/**
 * Which webhook endpoints Outpost may POST to (the SSRF guard).
 *
 * A webhook URL is refused when its host is, or literally names, an address
 * that is private, loopback, link-local, a cloud metadata service or
 * otherwise not on the public Internet. Names are resolved only at send time,
 * where the delivery worker checks every resolved address with
 * `isForbiddenAddress` and connects to the address it checked (DNS rebinding).
 *
 * Local mode allows loopback endpoints (http or https) so a developer can run a
 * receiver on their own machine; nothing else private is allowed even there.
 *
 * @example
 * webhookUrlProblem('https://hooks.example.com/outpost', { allowLoopback: false }) // undefined: fine
 * webhookUrlProblem('http://169.254.169.254/latest', { allowLoopback: false })     // 'must use https'
 * isForbiddenAddress('10.0.0.7') // true
 */

export interface WebhookUrlPolicy {
  /** Local mode: loopback hosts are allowed, over http too. */
  allowLoopback: boolean;
}

const MAX_URL_LENGTH = 2048;

/** Host names that reach the machine itself or a metadata service without looking like an address. */
const FORBIDDEN_NAMES = new Set(['localhost', 'metadata', 'metadata.google.internal', 'instance-data', 'instance-data.ec2.internal']);
const FORBIDDEN_SUFFIXES = ['.localhost', '.internal', '.local', '.localdomain', '.home.arpa', '.arpa'];
const LOOPBACK_NAMES = new Set(['localhost']);

/** IPv4 ranges that are not the public Internet (RFC 6890 and friends): [first octets as number, prefix length]. */
const FORBIDDEN_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT; also Alibaba's metadata 100.100.100.200
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local; AWS, GCP and Azure metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255
];

function v4ToNumber(address: string): number | undefined {
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

function inV4Range(value: number, base: string, prefix: number): boolean {
  const size = 2 ** (32 - prefix);
  const start = v4ToNumber(base) as number;
  return value >= start && value < start + size;
}

function forbiddenV4(value: number): boolean {
  return FORBIDDEN_V4.some(([base, prefix]) => inV4Range(value, base, prefix));
}

/** Eight 16-bit groups, or undefined when `address` is not IPv6 text. Accepts a dotted IPv4 tail. */
function v6Groups(address: string): number[] | undefined {
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

function forbiddenV6(g: number[]): boolean {
  const [a = 0, b = 0] = g;
  const embeddedV4 = (g[6] ?? 0) * 65536 + (g[7] ?? 0);
  const firstSixZero = g.slice(0, 6).every((x) => x === 0);
  if (firstSixZero) return true; // :: unspecified, ::1 loopback, ::a.b.c.d IPv4-compatible (deprecated)
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return forbiddenV4(embeddedV4); // IPv4-mapped
  if (a === 0x64 && b === 0xff9b) return forbiddenV4(embeddedV4); // NAT64 well-known prefix
  if (a === 0x2002) return forbiddenV4(b * 65536 + (g[2] ?? 0)); // 6to4 embeds an IPv4 address
  if ((a & 0xfe00) === 0xfc00) return true; // unique local fc00::/7, incl. AWS metadata fd00:ec2::254
  if ((a & 0xffc0) === 0xfe80 || (a & 0xffc0) === 0xfec0) return true; // link-local, old site-local
  if ((a & 0xff00) === 0xff00) return true; // multicast
  if (a === 0x100 && b === 0 && (g[2] ?? 0) === 0 && (g[3] ?? 0) === 0) return true; // discard 100::/64
  if (a === 0x2001 && b === 0x0db8) return true; // documentation
  if (a === 0x2001 && b < 0x200) return true; // 2001::/23 IETF protocol assignments (Teredo, ORCHID …)
  return false;
}

/** True for an IP address (v4 or v6 text) that is not on the public Internet. Anything that is not an IP address is false. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const v4 = v4ToNumber(bare);
  if (v4 !== undefined) return forbiddenV4(v4);
  const v6 = v6Groups(bare);
  return v6 ? forbiddenV6(v6) : false;
}

/** True for loopback addresses and names: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host).toLowerCase().replace(/\.$/, '');
  if (LOOPBACK_NAMES.has(bare) || bare.endsWith('.localhost')) return true;
  const v4 = v4ToNumber(bare);
  if (v4 !== undefined) return inV4Range(v4, '127.0.0.0', 8);
  const v6 = v6Groups(bare);
  if (!v6) return false;
  if (v6.slice(0, 7).every((x) => x === 0) && v6[7] === 1) return true;
  return v6.slice(0, 5).every((x) => x === 0) && v6[5] === 0xffff && inV4Range((v6[6] ?? 0) * 65536 + (v6[7] ?? 0), '127.0.0.0', 8);
}

/** True for host names (not addresses) that only resolve inside a network: localhost, metadata, `.internal`, single labels. */
function isInternalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (FORBIDDEN_NAMES.has(name)) return true;
  if (FORBIDDEN_SUFFIXES.some((suffix) => name.endsWith(suffix))) return true;
  // A single label is completed by the resolver's search domains: an internal host.
  return !name.includes('.');
}

/**
 * Why `raw` is not an acceptable webhook URL, as a field message, or
 * undefined when it is. Only the URL's text is examined (no DNS).
 */
export function webhookUrlProblem(raw: string, policy: WebhookUrlPolicy): string | undefined {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL, e.g. https://hooks.example.com/outpost';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use https';
  if (url.username || url.password) return 'must not contain a user name or password; authenticate with the signature instead';
  if (url.hash) return 'must not contain a fragment';
  const host = url.hostname;
  const loopback = isLoopbackHost(host);
  if (loopback && policy.allowLoopback) return undefined;
  if (url.protocol !== 'https:') return policy.allowLoopback ? 'must use https (http is allowed only to this machine in local mode)' : 'must use https';
  if (loopback || isForbiddenAddress(host)) return 'must not point at a private, loopback, link-local or metadata address';
  const isAddress = v4ToNumber(host) !== undefined || host.startsWith('[');
  if (!isAddress && isInternalName(host)) return 'must name a public host, not an internal or local name';
  return undefined;
}
