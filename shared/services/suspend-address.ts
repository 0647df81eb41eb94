import type { Channel } from '../domain/channel';
import { StoreConflictError } from '../errors';
import type { Clock, Ids } from '../ports/clock';
import type { SubscriptionStore } from '../ports/subscription-store';
import { auditEntry } from './deps';

/** What suspending the subscriptions of one address needs. */
export interface SuspendAddressDeps {
  subscriptions: Pick<SubscriptionStore, 'listByAddress' | 'get' | 'setStatus'>;
  clock: Clock;
  ids: Ids;
}

/** Which subscriptions to suspend and why: one address's on one channel, and the system that asks. */
export interface Suspension {
  channel: Channel;
  /** A normalized email address or E.164 phone number. */
  address: string;
  /** Recorded on the subscription and in the audit entry, e.g. `bounced` or `opted-out`. */
  reason: string;
  /** The audit entry's actor, e.g. `ses-feedback`. */
  system: string;
}

/**
 * Suspends every active subscription of one address on one channel, each
 * with its audit entry (`subscription.suspended`), so matching skips it from
 * now on. Finds them through the address items (a Query), never a Scan.
 * Idempotent: an address with nothing active (already suspended,
 * unsubscribed, unknown) changes nothing. Pending subscriptions are left to
 * expire: they receive nothing but their confirmation, and a pending one
 * cannot be suspended. A concurrent change is re-read and retried twice.
 *
 * @returns how many subscriptions it suspended.
 */
export async function suspendAddress(deps: SuspendAddressDeps, suspension: Suspension): Promise<{ suspended: number }> {
  const { channel, address, reason, system } = suspension;
  let suspended = 0;
  for (const subscription of await deps.subscriptions.listByAddress(address)) {
    if (subscription.channel !== channel) continue;
    for (let attempt = 0; ; attempt++) {
      const current = attempt === 0 ? subscription : await deps.subscriptions.get(subscription.id);
      if (!current || current.status !== 'active') break;
      try {
        const now = deps.clock.now();
        const audit = [auditEntry(deps, now, { system }, 'subscription.suspended', { type: 'subscription', id: current.id }, { channel, reason }, current.orgId)];
        await deps.subscriptions.setStatus(current.id, 'suspended', now, audit, reason);
        suspended += 1;
        break;
      } catch (error) {
        if (error instanceof StoreConflictError && attempt < 2) continue;
        throw error;
      }
    }
  }
  return { suspended };
}
