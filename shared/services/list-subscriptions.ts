import type { Subscription } from '../domain/subscription';
import type { Page } from '../ports/page';
import type { ActingPerson, ServiceDeps } from './deps';

/** The acting person's organization's subscriptions, newest first. */
export async function listSubscriptions(deps: ServiceDeps, actor: ActingPerson, limit: number, cursor?: string): Promise<Page<Subscription>> {
  return deps.subscriptions.listByOrganization(actor.orgId, limit, cursor);
}
