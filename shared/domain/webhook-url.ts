/**
 * Which webhook endpoints Outpost may POST to (the SSRF guard).
 *
 * A webhook URL is refused when its host is, or literally names, an address
 * that is private, loopback, link-local, a cloud metadata service or
 * otherwise not on the public Internet. Names are resolved only at send time,
 * where the delivery worker checks every resolved address with
 * `isForbiddenAddress` and connects to the address it checked (DNS rebinding).
 *
 * Local mode allows loopback endpoints (http or https, any port) so a
 * developer can run a receiver on their own machine; nothing else private is
 * allowed even there. Elsewhere only the ports in WEBHOOK_PORTS are allowed.
 *
 * @example
 * webhookUrlProblem('https://hooks.example.com/outpost', { allowLoopback: false }) // undefined: fine
 * webhookUrlProblem('http://169.254.169.254/latest', { allowLoopback: false })     // 'must use https'
 * isForbiddenAddress('10.0.0.7') // true
 */

import { inV4Range, inV6Prefix, mappedV4, v4ToNumber, v6Groups } from './ip-address';

export interface WebhookUrlPolicy {
  /** Local mode: loopback hosts are allowed, over http too. */
  allowLoopback: boolean;
}

const MAX_URL_LENGTH = 2048;

/**
 * The ports a webhook may use: HTTPS's own and its common alternative. An
 * allow-list, so a URL cannot aim the sender at a mail, database or admin
 * port of a public host. Local mode's loopback receivers may use any port.
 */
export const WEBHOOK_PORTS: readonly number[] = [443, 8443];

/** Host names that reach the machine itself or a metadata service without looking like an address. */
const FORBIDDEN_NAMES = new Set(['localhost', 'metadata', 'metadata.google.internal', 'instance-data', 'instance-data.ec2.internal']);
const FORBIDDEN_SUFFIXES = ['.localhost', '.internal', '.local', '.localdomain', '.home.arpa', '.arpa'];
const LOOPBACK_NAMES = new Set(['localhost']);

/** IPv4 ranges that are not the public Internet (RFC 6890 and the IANA special-purpose registry): [base, prefix length]. */
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

/** IPv6 is public only inside global unicast 2000::/3 (everything else, including every form that embeds IPv4, is refused). */
const GLOBAL_UNICAST_V6: [string, number] = ['2000::', 3];

/**
 * The special-purpose ranges inside 2000::/3 (IANA IPv6 special-purpose
 * registry). Forms that carry an IPv4 address (6to4, Teredo) are refused
 * outright: a public IPv4 endpoint is written as its IPv4 address. Outside
 * 2000::/3 — IPv4-mapped ::ffff:0:0/96, IPv4-translated ::ffff:0:0:0/96,
 * NAT64 64:ff9b::/96 and 64:ff9b:1::/48, discard 100::/64, unique local
 * fc00::/7 (AWS metadata fd00:ec2::254), link-local, multicast — nothing is public.
 */
const FORBIDDEN_V6: [string, number][] = [
  ['2001::', 23], // IETF protocol assignments: Teredo 2001::/32, ORCHID, benchmarking …
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['3fff::', 20], // documentation (RFC 9637)
];

function forbiddenV4(value: number): boolean {
  return FORBIDDEN_V4.some(([base, prefix]) => inV4Range(value, base, prefix));
}

function forbiddenV6(groups: number[]): boolean {
  if (!inV6Prefix(groups, ...GLOBAL_UNICAST_V6)) return true;
  return FORBIDDEN_V6.some(([prefix, length]) => inV6Prefix(groups, prefix, length));
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
  if (inV6Prefix(v6, '::1', 128)) return true;
  const mapped = mappedV4(v6);
  return mapped !== undefined && inV4Range(mapped, '127.0.0.0', 8);
}

/** Whether an https URL's port is on WEBHOOK_PORTS (no port means 443). */
export function isWebhookPort(url: URL): boolean {
  return WEBHOOK_PORTS.includes(url.port === '' ? 443 : Number(url.port));
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
  if (!isWebhookPort(url)) return `must use port ${WEBHOOK_PORTS.join(' or ')}`;
  const isAddress = v4ToNumber(host) !== undefined || host.startsWith('[');
  if (!isAddress && isInternalName(host)) return 'must name a public host, not an internal or local name';
  return undefined;
}
