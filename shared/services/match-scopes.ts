import type { Announcement } from '../domain/announcement';
import { assessmentOf } from '../domain/assessment';
import { timingOf } from '../domain/delivery-timing';
import { canSeeVersion, levelOf, type Version } from '../domain/publication';
import { ANONYMOUS, type Viewer } from '../domain/sharing';
import { acceptsTarget, type Subscription } from '../domain/subscription';
import type { Channel } from '../domain/channel';
import { acceptsPlace } from '../geo/place-match';

/**
 * The index scopes to read for an announced item: the global scope, each
 * country, each region. A subscription is filed under its own scopes (see
 * `subscriptionScopes`), so together these find every candidate.
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

/**
 * Whether one subscription should receive this version on this channel:
 * `now` in the immediate fan-out, where digest subscribers are skipped (the
 * version reaches them in their next digest), or in a `digest`.
 */
export function wantsVersion(subscription: Subscription, channel: Channel, version: Version, delivery: 'now' | 'digest' = 'now'): boolean {
  if (subscription.status !== 'active' || subscription.channel !== channel) return false;
  if ((timingOf(subscription).frequency === 'immediate') !== (delivery === 'now')) return false;
  const { severity } = assessmentOf(version.content, version.publishedAt);
  const target = { kind: version.content.kind, countries: version.content.countries, regions: version.regions, level: levelOf(version.content), severity };
  return acceptsTarget(subscription.filters, target) && isEntitled(subscription, version) && acceptsPlace(subscription.filters, version.content);
}
