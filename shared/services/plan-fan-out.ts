import type { Announcement } from '../domain/announcement';
import type { Channel } from '../domain/channel';
import { matchScopes } from './match-scopes';
import { partMessage, type DeliveryDeps } from './delivery-work';

/** The start of every part: before its first index key. */
export const PART_START = '^';

/**
 * Plans the fan-out of an announced version on one channel: one message
 * per (scope, shard) part that may hold a subscription of the channel (the
 * shards each scope has marked, one read for all the scopes), queued on
 * the channel's own queue, where any number of workers take them at once.
 * A marked shard that has emptied since costs one empty part. Safe to repeat after a
 * crash: a part queued twice is sent once, because its chunks are created
 * conditionally.
 *
 * @returns how many parts were queued (none for a minor change).
 */
export async function planFanOut(deps: Pick<DeliveryDeps, 'deliveries' | 'requeue' | 'clock' | 'subscriptions'>, channel: Channel, announcement: Announcement): Promise<number> {
  if (!announcement.major) return 0;
  const parts = await deps.subscriptions.occupiedParts(channel, matchScopes(announcement));
  await deps.deliveries.recordPlan({ publicationId: announcement.publicationId, version: announcement.version, channel, partsPlanned: parts.length, publishedAt: announcement.publishedAt }, deps.clock.now());
  await deps.requeue.requeue(
    channel,
    parts.map((part) => partMessage(announcement, part, PART_START)),
  );
  return parts.length;
}
