import { ConflictError, NotFoundError } from '../errors';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';

/**
 * Deletes one of the organization's sites. A site that a subscription of
 * the organization names is refused (409, naming the subscriptions): those
 * subscriptions would otherwise keep watching a place that no longer exists.
 */
export async function deleteSite(deps: ServiceDeps, actor: ActingPerson, id: string): Promise<void> {
  const site = await deps.sites.get(actor.orgId, id);
  if (!site) throw new NotFoundError('Site');
  const users: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.subscriptions.listByOrganization(actor.orgId, 200, cursor);
    users.push(...page.items.filter((s) => s.status !== 'unsubscribed' && s.filters.sites?.some((x) => x.id === id)).map((s) => s.id));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  if (users.length > 0) {
    throw new ConflictError('site-in-use', 'Subscriptions name this site; change or delete them first.', { subscriptions: users });
  }
  const now = deps.clock.now();
  if (!(await deps.sites.delete(actor.orgId, id, [auditEntry(deps, now, actor, 'site.deleted', { type: 'site', id }, { country: site.country })]))) {
    throw new NotFoundError('Site');
  }
}
