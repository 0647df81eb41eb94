import * as z from 'zod';

/**
 * An email address as Outpost stores it: trimmed and lower-cased, so that
 * one mailbox has one spelling for lookups (export, erasure, rate limits).
 * Personal data: never logged.
 */
export const EmailAddressSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address, e.g. "name@example.com"' }));
export type EmailAddress = z.infer<typeof EmailAddressSchema>;

/** Providers that ignore dots in the local part, and the domain each is also known by. */
const DOTLESS_DOMAINS: Readonly<Record<string, string>> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * One key for every spelling of one mailbox, for rate limits only (never
 * stored as the address or used to send): lower case, the domain in its
 * ASCII (punycode) form without a trailing dot, sub-addressing (`+tag`)
 * removed, and dots removed where the provider ignores them (Gmail).
 *
 * @example
 * mailboxKey('Ann.Lee+alerts@GoogleMail.com') // 'annlee@gmail.com'
 */
export function mailboxKey(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return address.normalize('NFKC').toLowerCase();
  let local = address.slice(0, at).normalize('NFKC').toLowerCase();
  let domain = address.slice(at + 1).normalize('NFKC').toLowerCase().replace(/\.+$/, '');
  try {
    domain = new URL(`http://${domain}`).hostname;
  } catch {
    // Not a host name: keep it as typed; the schema refuses such addresses anyway.
  }
  local = local.split('+')[0] ?? local;
  const dotless = DOTLESS_DOMAINS[domain];
  if (dotless) {
    domain = dotless;
    local = local.replaceAll('.', '');
  }
  return `${local}@${domain}`;
}
