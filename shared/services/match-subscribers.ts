import type { Announcement } from '../domain/announcement';
import type { Version } from '../domain/publication';
import { canSeeVersion, levelOf } from '../domain/publication';
import { ANONYMOUS, type Viewer } from '../domain/sharing';
import type { Channel } from '../domain/channel';
import { acceptsTarget, type Subscription } from '../domain/subscription';
import type { SubscriptionStore } from '../ports/subscription-store';

/** Where a fan-out stands: the index of the scope being read and the cursor inside it. */
export interface MatchPosition {
  scope: number;
  cursor: string | null;
}

export const START: MatchPosition = { scope: 0, cursor: null };

/** One chunk of a fan-out: the entitled subscriptions, and where the next chunk starts (if any). */
export interface MatchChunk {
  subscriptions: Subscription[];
  /** Index items read, before deduplication and filtering. */
  read: number;
  next: MatchPosition | null;
}

/**
 * The index scopes to Query for an announced item: the global partition,
 * each country, each region. A subscription is filed under its own scopes
 * (see `subscriptionScopes`), so together these find every candidate.
 */
export function matchScopes(target: Pick<Announcement, 'countries' | 'regions'>): string[] {
  return ['global', ...target.countries.map((cc) => `c:${cc}`), ...target.regions.map((r) => `r:${r}`)];
}

/**
 * Sharing holds in delivery as it does on pages (TLP 2.0): CLEAR reaches
 * anyone; GREEN only subscriptions of a member organization; AMBER only the
 * publisher's organization and the named recipients. An anonymous
 * subscription never receives anything above CLEAR.
 */
function isEntitled(subscription: Pick<Subscription, 'orgId' | 'createdBy' | 'id'>, version: Version): boolean {
  const viewer: Viewer = subscription.orgId
    ? { kind: 'person', personId: subscription.createdBy ?? subscription.id, orgId: subscription.orgId, role: 'member' }
    : ANONYMOUS;
  return canSeeVersion(viewer, version);
}

/** Whether one subscription should receive this version on this channel. */
function wantsVersion(subscription: Subscription, channel: Channel, version: Version): boolean {
  if (subscription.status !== 'active' || subscription.channel !== channel) return false;
  const target = { kind: version.content.kind, countries: version.content.countries, regions: version.regions, level: levelOf(version.content) };
  return acceptsTarget(subscription.filters, target) && isEntitled(subscription, version);
}

/**
 * Reads at most `limit` index items from `position` on (Query per scope,
 * never Scan), and keeps the subscriptions that want the version, each once.
 * A subscription filed under two matching scopes (a country and its region)
 * may appear in two chunks; the delivery item's conditional claim makes the
 * second one a no-op.
 *
 * @example
 * let position: MatchPosition | null = START;
 * while (position) ({ subscriptions, next: position } = await matchSubscribers(store, 'email', version, scopes, position, 200));
 */
export async function matchSubscribers(
  store: Pick<SubscriptionStore, 'matchPage'>,
  channel: Channel,
  version: Version,
  scopes: readonly string[],
  position: MatchPosition,
  limit: number,
): Promise<MatchChunk> {
  const seen = new Set<string>();
  const subscriptions: Subscription[] = [];
  let read = 0;
  let scope = position.scope;
  let cursor = position.cursor;
  while (scope < scopes.length && read < limit) {
    const page = await store.matchPage(channel, scopes[scope]!, limit - read, cursor ?? undefined);
    read += page.items.length;
    for (const subscription of page.items) {
      if (seen.has(subscription.id) || !wantsVersion(subscription, channel, version)) continue;
      seen.add(subscription.id);
      subscriptions.push(subscription);
    }
    if (page.cursor) {
      cursor = page.cursor;
      // An empty page with a cursor (filtered reads) still moves on; guard against a store that loops.
      if (page.items.length === 0 && read === 0 && cursor === position.cursor && scope === position.scope) break;
    } else {
      scope += 1;
      cursor = null;
    }
  }
  const next = scope < scopes.length ? { scope, cursor } : null;
  return { subscriptions, read, next };
}
