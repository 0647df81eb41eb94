import type { Subscription } from '../domain/subscription';
import { NotFoundError } from '../errors';
import type { Page } from '../ports/page';
import type { ActingPerson, ServiceDeps } from './deps';

/** The acting person's organization's subscriptions, newest first. */
export async function listSubscriptions(deps: ServiceDeps, actor: ActingPerson, limit: number, cursor?: string): Promise<Page<Subscription>> {
  return deps.subscriptions.listByOrganization(actor.orgId, limit, cursor);
}

/** One of the acting person's organization's subscriptions; another organization's, or none, is a 404. */
export async function readOrganizationSubscription(deps: Pick<ServiceDeps, 'subscriptions'>, actor: ActingPerson, id: string): Promise<Subscription> {
  const subscription = await deps.subscriptions.get(id);
  if (!subscription || subscription.orgId !== actor.orgId) throw new NotFoundError('Subscription');
  return subscription;
}
