import { createHash } from 'node:crypto';

/** What address items are keyed by (SHA-256, hex), so no key holds an email address or phone number. */
export function addressHash(address: string): string {
  return createHash('sha256').update(address).digest('hex');
}
