import { NotFoundError } from '../errors';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';

/** A member deletes one of their organization's subscriptions for good; another organization's is a 404. */
export async function deleteSubscription(deps: ServiceDeps, actor: ActingPerson, id: string): Promise<void> {
  const current = await deps.subscriptions.get(id);
  if (!current || current.orgId !== actor.orgId) throw new NotFoundError('Subscription');
  const now = deps.clock.now();
  await deps.subscriptions.delete(id, [auditEntry(deps, now, actor, 'subscription.deleted', { type: 'subscription', id }, { channel: current.channel, status: current.status })]);
}
