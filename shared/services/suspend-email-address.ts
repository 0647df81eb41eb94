import { StoreConflictError } from '../errors';
import { auditEntry } from './deps';
import type { Clock, Ids } from '../ports/clock';
import type { SubscriptionStore } from '../ports/subscription-store';

/** Why SES says an address must not be mailed again. */
export type EmailFeedbackReason = 'bounced' | 'complained';

/**
 * Suspends every active email subscription of one address after a permanent
 * bounce or a complaint, so matching skips it from now on. Idempotent: an
 * address with nothing active (already suspended, unsubscribed, unknown)
 * changes nothing. Pending subscriptions are left to expire: they receive
 * nothing but their confirmation, and a pending one cannot be suspended.
 *
 * @returns how many subscriptions it suspended.
 */
export async function suspendEmailAddress(
  deps: { subscriptions: SubscriptionStore; clock: Clock; ids: Ids },
  address: string,
  reason: EmailFeedbackReason,
): Promise<{ suspended: number }> {
  let suspended = 0;
  for (const subscription of await deps.subscriptions.listByAddress(address)) {
    if (subscription.channel !== 'email') continue;
    for (let attempt = 0; ; attempt++) {
      const current = attempt === 0 ? subscription : await deps.subscriptions.get(subscription.id);
      if (!current || current.status !== 'active') break;
      try {
        const now = deps.clock.now();
        const audit = [auditEntry(deps, now, { system: 'ses-feedback' }, 'subscription.suspended', { type: 'subscription', id: current.id }, { channel: 'email', reason })];
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
