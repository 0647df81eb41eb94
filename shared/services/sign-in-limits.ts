import { mailboxKey } from '../domain/email-address';
import type { ServiceDeps } from './deps';

/**
 * Limits on sign-in emails, so nobody can flood a staff inbox with them
 * (fixed one-hour windows):
 * - per address: 5 an hour, every spelling of one mailbox counted as one;
 * - per client network: 20 an hour, whatever the addresses.
 * A request over either limit is answered like any other and sends nothing.
 */
const SIGN_IN_LIMITS = {
  perAddress: { limit: 5, windowSeconds: 3600 },
  perClient: { limit: 20, windowSeconds: 3600 },
} as const;

/** Counts one sign-in request against the client's and the address's allowances; false when either is spent (the client's is counted first). */
export async function spendSignInAllowance(deps: Pick<ServiceDeps, 'rateLimits' | 'clock'>, clientAddress: string, email: string): Promise<boolean> {
  const now = deps.clock.now();
  const { perAddress, perClient } = SIGN_IN_LIMITS;
  const client = await deps.rateLimits.hit('sign-in-client', clientAddress, perClient.limit, perClient.windowSeconds, now);
  if (!client.allowed) return false;
  const address = await deps.rateLimits.hit('sign-in-address', mailboxKey(email), perAddress.limit, perAddress.windowSeconds, now);
  return address.allowed;
}
