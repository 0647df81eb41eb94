import type { Announcement } from '../domain/announcement';
import type { Channel } from '../domain/channel';
import { planParts, travelerPartCountry, travelerScopes, type FanOutPart } from '../domain/fan-out';
import { isTravelerAlertKind } from '../domain/organization-settings';
import { runPool } from './run-pool';
import { matchScopes } from './match-scopes';
import { partMessage, type DeliveryDeps } from './delivery-work';

/** The start of every part: before its first index key. */
export const PART_START = '^';

/** One-item probes of the trip index in flight at once while planning. */
const PROBES_IN_FLIGHT = 16;

/** The traveler parts (`trip:<cc>` and a shard) that hold a trip: one one-item Query per country and shard, side by side. */
async function occupiedTravelerParts(deps: Pick<DeliveryDeps, 'travelers'>, announcement: Announcement): Promise<FanOutPart[]> {
  if (!isTravelerAlertKind(announcement.kind)) return [];
  const occupied: FanOutPart[] = [];
  await runPool(planParts(travelerScopes(announcement.countries)), PROBES_IN_FLIGHT, async (part) => {
    if ((await deps.travelers.visitPage({ country: travelerPartCountry(part), shard: part.shard }, 1)).items.length > 0) occupied.push(part);
  });
  return occupied.sort((x, y) => (x.scope === y.scope ? x.shard - y.shard : x.scope < y.scope ? -1 : 1));
}

/**
 * Plans the fan-out of an announced version on one channel: one message
 * per (scope, shard) part that may hold a subscription of the channel (the
 * shards each scope has marked, one read for all the scopes), queued on
 * the channel's own queue, where any number of workers take them at once.
 * A marked shard that has emptied since costs one empty part. Safe to repeat after a
 * crash: a part queued twice is sent once, because its chunks are created
 * conditionally.
 *
 * With `travelers`, a kind that reaches travelers (security alerts and
 * travel advisories) also gets a part per occupied shard of each of its
 * countries' trip match index (`trip:<cc>`).
 *
 * @returns how many parts were queued (none for a minor change).
 */
export async function planFanOut(
  deps: Pick<DeliveryDeps, 'deliveries' | 'requeue' | 'clock' | 'subscriptions' | 'travelers'>,
  channel: Channel,
  announcement: Announcement,
  options: { travelers?: boolean } = {},
): Promise<number> {
  if (!announcement.major) return 0;
  const [subscriptionParts, travelerParts] = await Promise.all([deps.subscriptions.occupiedParts(channel, matchScopes(announcement)), options.travelers ? occupiedTravelerParts(deps, announcement) : []]);
  const parts = [...subscriptionParts, ...travelerParts];
  await deps.deliveries.recordPlan({ publicationId: announcement.publicationId, version: announcement.version, channel, partsPlanned: parts.length, publishedAt: announcement.publishedAt }, deps.clock.now());
  await deps.requeue.requeue(
    channel,
    parts.map((part) => partMessage(announcement, part, PART_START)),
  );
  return parts.length;
}
