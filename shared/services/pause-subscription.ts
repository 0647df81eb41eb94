import type { Subscription } from '../domain/subscription';
import { ConflictError, NotFoundError } from '../errors';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { readOrganizationSubscription } from './list-subscriptions';

/** The suspension reason of a subscription its organization paused (other reasons are the system's: bounces, opt-outs). */
export const PAUSED_BY_MEMBER = 'paused';

/**
 * A member pauses one of the organization's active subscriptions (nothing
 * is sent until it is resumed) or resumes one they paused. A subscription
 * the system suspended (bounces, STOP) stays as it is; another
 * organization's is a 404.
 */
export async function setSubscriptionPaused(deps: ServiceDeps, actor: ActingPerson, id: string, paused: boolean): Promise<Subscription> {
  const current = await readOrganizationSubscription(deps, actor, id);
  const allowed = paused ? current.status === 'active' : current.status === 'suspended' && current.suspendedReason === PAUSED_BY_MEMBER;
  if (!allowed) {
    throw new ConflictError('subscription-state', paused ? 'Only an active subscription can be paused.' : 'Only a subscription paused in the portal can be resumed here.', { status: current.status });
  }
  const now = deps.clock.now();
  const audit = [auditEntry(deps, now, actor, paused ? 'subscription.paused' : 'subscription.resumed', { type: 'subscription', id }, { channel: current.channel })];
  const next = await deps.subscriptions.setStatus(id, paused ? 'suspended' : 'active', now, audit, paused ? PAUSED_BY_MEMBER : undefined);
  if (!next) throw new NotFoundError('Subscription');
  return next;
}
