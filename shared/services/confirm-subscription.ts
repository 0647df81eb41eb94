import type { Subscription } from '../domain/subscription';
import { ConflictError, ExpiredLinkError, StoreConflictError } from '../errors';
import { auditEntry, type ServiceDeps } from './deps';
import { LINK_PURPOSES, readLinkToken } from './subscription-links';

/**
 * Opens a confirmation link: pending → active, which files the subscription
 * in the match index. Idempotent: confirming an active (or suspended)
 * subscription again changes nothing. An unsubscribed one stays ended (409);
 * one that no longer exists (never confirmed and cleaned up, or erased) is 410.
 */
export async function confirmSubscription(deps: ServiceDeps, token: string | undefined): Promise<Subscription> {
  const id = readLinkToken(deps, LINK_PURPOSES.confirm, token);
  for (let attempt = 0; ; attempt++) {
    const current = await deps.subscriptions.get(id);
    if (!current) throw new ExpiredLinkError();
    if (current.status === 'active' || current.status === 'suspended') return current;
    if (current.status === 'unsubscribed') {
      throw new ConflictError('subscription-ended', 'This subscription was cancelled. Subscribe again to receive alerts.', { status: current.status });
    }
    const now = deps.clock.now();
    try {
      const audit = [auditEntry(deps, now, { system: 'confirmation-link' }, 'subscription.confirmed', { type: 'subscription', id }, { channel: current.channel })];
      const next = await deps.subscriptions.setStatus(id, 'active', now, audit);
      if (!next) throw new ExpiredLinkError();
      return next;
    } catch (error) {
      // A concurrent open of the same link (mail scanners do this): read again and answer from the result.
      if (error instanceof StoreConflictError && attempt < 2) continue;
      throw error;
    }
  }
}
