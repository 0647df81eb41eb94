import type { Subscription } from '../domain/subscription';
import { ConflictError, ExpiredLinkError, StoreConflictError } from '../errors';
import { auditEntry, type ServiceDeps } from './deps';
import { LINK_PURPOSES, readLinkToken } from './subscription-links';

/** The subscription a confirmation token names, as it stands; 410 when it no longer exists, 409 when it was cancelled. */
async function confirmable(deps: ServiceDeps, id: string): Promise<Subscription> {
  const current = await deps.subscriptions.get(id);
  if (!current) throw new ExpiredLinkError();
  if (current.status === 'unsubscribed') {
    throw new ConflictError('subscription-ended', 'This subscription was cancelled. Subscribe again to receive alerts.', { status: current.status });
  }
  return current;
}

/**
 * What a confirmation link would confirm, changing nothing: the page the
 * link opens shows it with a button, so a mail scanner that follows the
 * link confirms nobody's subscription. Fails as `confirmSubscription` would.
 */
export async function previewConfirmation(deps: ServiceDeps, token: string | undefined): Promise<Subscription> {
  return confirmable(deps, readLinkToken(deps, LINK_PURPOSES.confirm, token));
}

/**
 * Confirms with a confirmation link's token (the page's button, or the
 * API's POST): pending → active, which files the subscription in the match
 * index. Idempotent: confirming an active (or suspended) subscription again
 * changes nothing. An unsubscribed one stays ended (409); one that no longer
 * exists (never confirmed and cleaned up, or erased) is 410.
 */
export async function confirmSubscription(deps: ServiceDeps, token: string | undefined): Promise<Subscription> {
  const id = readLinkToken(deps, LINK_PURPOSES.confirm, token);
  for (let attempt = 0; ; attempt++) {
    const current = await confirmable(deps, id);
    if (current.status === 'active' || current.status === 'suspended') return current;
    const now = deps.clock.now();
    try {
      const audit = [auditEntry(deps, now, { system: 'confirmation-link' }, 'subscription.confirmed', { type: 'subscription', id }, { channel: current.channel }, current.orgId)];
      const next = await deps.subscriptions.setStatus(id, 'active', now, audit);
      if (!next) throw new ExpiredLinkError();
      return next;
    } catch (error) {
      // A concurrent press of the same button: read again and answer from the result.
      if (error instanceof StoreConflictError && attempt < 2) continue;
      throw error;
    }
  }
}
