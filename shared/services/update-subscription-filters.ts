import { MANAGE_INPUT } from '../domain/channel';
import { timingFrom, timingOf } from '../domain/delivery-timing';
import { MAX_SCOPES, filtersOf, scopeRewriteSize, type Subscription } from '../domain/subscription';
import { parseOrThrow } from '../domain/validation';
import { ConflictError, ExpiredLinkError, NotFoundError, StoreConflictError, ValidationError } from '../errors';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { resolveSubscriptionPlace } from './resolve-subscription-place';
import { LINK_PURPOSES, readLinkToken } from './subscription-links';

/**
 * The subscription a manage link names, if it can still be managed: an
 * InvalidLinkError (400) or ExpiredLinkError (410) for a bad token, 410 for a
 * subscription that no longer exists (erased, or never confirmed and cleaned
 * up), 409 for one its owner ended.
 */
export async function readManagedSubscription(deps: ServiceDeps, token: string | undefined): Promise<Subscription> {
  const id = readLinkToken(deps, LINK_PURPOSES.manage, token);
  return manageable(await deps.subscriptions.get(id));
}

function manageable(subscription: Subscription | undefined): Subscription {
  if (!subscription) throw new ExpiredLinkError();
  if (subscription.status === 'unsubscribed') {
    throw new ConflictError('subscription-ended', 'This subscription was cancelled. Subscribe again to receive alerts.', { status: subscription.status });
  }
  return subscription;
}

/**
 * Changes what a subscription receives (countries, regions, kinds, minimum
 * level and severity) and when (frequency, time zone, quiet hours, where
 * its channel offers them) through its manage link, with the same rules as
 * creation; timing fields left out keep their values. Pending and suspended
 * subscriptions keep their status; an active one moves in the match or
 * digest index at once. Ended or erased subscriptions are refused (see
 * `readManagedSubscription`).
 *
 * @example
 * await updateSubscriptionFilters(deps, token, { countries: ['TZ'], kinds: ['security-alert'] });
 */
export async function updateSubscriptionFilters(deps: ServiceDeps, token: string | undefined, input: unknown): Promise<Subscription> {
  const id = readLinkToken(deps, LINK_PURPOSES.manage, token);
  return saveFilters(deps, id, input, { system: 'manage-link' }, async () => manageable(await deps.subscriptions.get(id)));
}

/**
 * Changes what one of the organization's subscriptions receives, from the
 * portal: the same rules as the manage link; another organization's is a 404.
 */
export async function updateOrganizationSubscriptionFilters(deps: ServiceDeps, actor: ActingPerson, id: string, input: unknown): Promise<Subscription> {
  return saveFilters(deps, id, input, actor, async () => {
    const current = await deps.subscriptions.get(id);
    if (!current || current.orgId !== actor.orgId) throw new NotFoundError('Subscription');
    return manageable(current);
  });
}

async function saveFilters(deps: ServiceDeps, id: string, input: unknown, who: ActingPerson | { system: string }, read: () => Promise<Subscription>): Promise<Subscription> {
  for (let attempt = 0; ; attempt++) {
    const current = await read();
    // What can change depends on the channel: timing fields exist only where the channel offers them.
    const body = parseOrThrow(MANAGE_INPUT[current.channel], input);
    const filters = { ...filtersOf(body), ...(await resolveSubscriptionPlace(deps, current.orgId, body)) };
    const timing = timingFrom(body, timingOf(current));
    // An active subscription rewrites its index in one transaction; the items it touches are bounded like activation's.
    if (current.status === 'active' && scopeRewriteSize(current.filters, filters) > MAX_SCOPES) {
      throw new ValidationError([
        { path: 'countries', message: `Too many countries and regions change at once (at most ${MAX_SCOPES}, counting those removed). Save the change in two steps.` },
      ]);
    }
    const now = deps.clock.now();
    const audit = [
      auditEntry(deps, now, who, 'subscription.updated', { type: 'subscription', id }, {
        channel: current.channel,
        status: current.status,
        scopesBefore: current.filters.countries.length + current.filters.regions.length,
        scopes: filters.countries.length + filters.regions.length,
        frequency: timing.frequency,
      }, current.orgId),
    ];
    try {
      const next = await deps.subscriptions.updateFilters(current, filters, now, audit, timing);
      if (!next) throw new ExpiredLinkError();
      return next;
    } catch (error) {
      if (error instanceof StoreConflictError && attempt < 2) continue;
      throw error;
    }
  }
}
