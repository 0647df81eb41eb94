import { UnsubscribeCodeSchema } from '../domain/subscription';
import { InvalidLinkError, StoreConflictError } from '../errors';
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
  return endSubscription(deps, id, 'unsubscribe-link');
}

/**
 * Opens the short SMS unsubscribe link `/u/<code>`; otherwise as
 * `unsubscribeSubscription`. A code that names nothing (mistyped, or its
 * subscription erased or expired) is an InvalidLinkError (400).
 */
export async function unsubscribeByCode(deps: ServiceDeps, code: string | undefined): Promise<{ id: string; status: 'unsubscribed' }> {
  const parsed = UnsubscribeCodeSchema.safeParse(code?.toLowerCase());
  if (!parsed.success) throw new InvalidLinkError();
  const subscription = await deps.subscriptions.getByUnsubscribeCode(parsed.data);
  if (!subscription) throw new InvalidLinkError();
  return endSubscription(deps, subscription.id, 'sms-unsubscribe-link');
}

async function endSubscription(deps: ServiceDeps, id: string, via: string): Promise<{ id: string; status: 'unsubscribed' }> {
  for (let attempt = 0; ; attempt++) {
    const current = await deps.subscriptions.get(id);
    if (!current || current.status === 'unsubscribed') return { id, status: 'unsubscribed' };
    const now = deps.clock.now();
    try {
      const audit = [auditEntry(deps, now, { system: via }, 'subscription.unsubscribed', { type: 'subscription', id }, { channel: current.channel, from: current.status }, current.orgId)];
      await deps.subscriptions.setStatus(id, 'unsubscribed', now, audit);
      return { id, status: 'unsubscribed' };
    } catch (error) {
      if (error instanceof StoreConflictError && attempt < 2) continue;
      throw error;
    }
  }
}
