import type { Announcement } from '../domain/announcement';
import type { Channel } from '../domain/channel';
import { isTravelerPart, planParts, travelerPartCountry, travelerScopes, type FanOutPart } from '../domain/fan-out';
import { isTravelerAlertKind } from '../domain/organization-settings';
import { runPool } from './run-pool';
import { matchScopes } from './match-scopes';
import { partMessage, type DeliveryDeps } from './delivery-work';

/** The start of every part: before its first index key. */
export const PART_START = '^';

/** Parts probed at once while planning. */
const PROBES_IN_FLIGHT = 16;

/**
 * Plans the fan-out of an announced version on one channel: one message
 * per (scope, shard) part that holds any subscription of the channel (a
 * one-item Query each, side by side), queued on the channel's own queue,
 * where any number of workers take them at once. Safe to repeat after a
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
  const occupied: FanOutPart[] = [];
  const travelerParts = options.travelers && isTravelerAlertKind(announcement.kind) ? planParts(travelerScopes(announcement.countries)) : [];
  await runPool([...planParts(matchScopes(announcement)), ...travelerParts], PROBES_IN_FLIGHT, async (part) => {
    const found = isTravelerPart(part)
      ? (await deps.travelers.visitPage({ country: travelerPartCountry(part), shard: part.shard }, 1)).items.length
      : (await deps.subscriptions.matchPage(channel, part, 1)).items.length;
    if (found > 0) occupied.push(part);
  });
  const parts = occupied.sort((x, y) => (x.scope === y.scope ? x.shard - y.shard : x.scope < y.scope ? -1 : 1));
  await deps.deliveries.recordPlan({ publicationId: announcement.publicationId, version: announcement.version, channel, partsPlanned: parts.length, publishedAt: announcement.publishedAt }, deps.clock.now());
  await deps.requeue.requeue(
    channel,
    parts.map((part) => partMessage(announcement, part, PART_START)),
  );
  return parts.length;
}
