import { StoreConflictError } from '../errors';
import { auditEntry, type ServiceDeps } from './deps';
import { LINK_PURPOSES, readLinkToken } from './subscription-links';

/**
 * Opens an unsubscribe link: the subscription ends (status `unsubscribed`,
 * removed from matching at once, its personal data deleted after
 * UNSUBSCRIBED_RETENTION_DAYS). Idempotent; a subscription already gone
 * counts as unsubscribed.
 */
export async function unsubscribeSubscription(deps: ServiceDeps, token: string | undefined): Promise<{ id: string; status: 'unsubscribed' }> {
  const id = readLinkToken(deps, LINK_PURPOSES.unsubscribe, token);
  for (let attempt = 0; ; attempt++) {
    const current = await deps.subscriptions.get(id);
    if (!current || current.status === 'unsubscribed') return { id, status: 'unsubscribed' };
    const now = deps.clock.now();
    try {
      // The audit vocabulary has no "unsubscribed" action yet; the status in the details says what happened.
      const audit = [auditEntry(deps, now, { system: 'unsubscribe-link' }, 'subscription.deleted', { type: 'subscription', id }, { channel: current.channel, status: 'unsubscribed', from: current.status })];
      await deps.subscriptions.setStatus(id, 'unsubscribed', now, audit);
      return { id, status: 'unsubscribed' };
    } catch (error) {
      if (error instanceof StoreConflictError && attempt < 2) continue;
      throw error;
    }
  }
}
