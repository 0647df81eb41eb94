import type { Announcement } from '../domain/announcement';
import type { Channel } from '../domain/channel';
import { travelerScopes, type FanOutPart } from '../domain/fan-out';
import { isTravelerAlertKind } from '../domain/organization-settings';
import { TravelerChannelSchema } from '../domain/traveler';
import { matchScopes } from './match-scopes';
import { partMessage, type DeliveryDeps } from './delivery-work';

/** The start of every part: before its first index key. */
export const PART_START = '^';

/** The traveler parts (`trip:<cc>` and a shard) that may hold a trip of a traveler reachable on the channel: the shards each country has marked for it, one read for all the countries. */
async function occupiedTravelerParts(deps: Pick<DeliveryDeps, 'travelers'>, channel: Channel, announcement: Announcement): Promise<FanOutPart[]> {
  const travelerChannel = TravelerChannelSchema.safeParse(channel);
  if (!travelerChannel.success || !isTravelerAlertKind(announcement.kind)) return [];
  return (await deps.travelers.occupiedTripParts(travelerChannel.data, announcement.countries)).map((part) => ({ scope: travelerScopes([part.country])[0]!, shard: part.group }));
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
 * travel advisories) also gets a part per marked shard of each of its
 * countries' trip match index (`trip:<cc>`) marked for the channel, read beside the subscription
 * marks and queued after the subscription parts.
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
  const [subscriptionParts, travelerParts] = await Promise.all([deps.subscriptions.occupiedParts(channel, matchScopes(announcement)), options.travelers ? occupiedTravelerParts(deps, channel, announcement) : []]);
  const parts = [...subscriptionParts, ...travelerParts];
  await deps.deliveries.recordPlan({ publicationId: announcement.publicationId, version: announcement.version, channel, partsPlanned: parts.length, publishedAt: announcement.publishedAt }, deps.clock.now());
  await deps.requeue.requeue(
    channel,
    parts.map((part) => partMessage(announcement, part, PART_START)),
  );
  return parts.length;
}
