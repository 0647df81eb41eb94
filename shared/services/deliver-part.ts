import type { Announcement } from '../domain/announcement';
import { isCanonicalScope, isTravelerPart, type FanOutPart } from '../domain/fan-out';
import type { Version } from '../domain/publication';
import type { Subscription } from '../domain/subscription';
import type { ChunkKey } from '../ports/delivery-store';
import { partMessage, type ChannelSend, type DeliveryConfig, type DeliveryDeps, type WorkReport } from './delivery-work';
import { matchScopes, wantsVersion } from './match-scopes';
import { matchTravelerPage, travelerRange, type SettingsCache } from './match-travelers';
import { PART_START } from './plan-fan-out';
import { newChunk, walkChunks, type ChunkSource } from './walk-chunks';

/** The facts about this receive that decide how a chunk is handled. */
export interface PartReceive {
  announcement: Announcement;
  part: FanOutPart;
  start: string;
  receiveCount: number;
  /** Epoch milliseconds after which no new chunk is started. */
  deadline: number;
  /** Organizations' duty-of-care settings read so far in this invocation (traveler parts). */
  settings?: SettingsCache;
}

/**
 * Delivers one part of an alert's fan-out (a match-index scope and shard)
 * from the chunk starting after `start`: see `walkChunks` for how chunks
 * are made once, sent under a lease and continued.
 */
export async function deliverPart(deps: DeliveryDeps, config: DeliveryConfig, send: ChannelSend, version: Version, receive: PartReceive): Promise<WorkReport> {
  const { announcement: a, part } = receive;
  const versionScopes = matchScopes(a);
  const keyAt = (start: string): ChunkKey => ({ publicationId: a.publicationId, version: a.version, channel: config.channel, ...part, start });
  const travelers = isTravelerPart(part);
  const source: ChunkSource = {
    keyAt,
    async create(key, lease, now) {
      const after = key.start === PART_START ? undefined : key.start;
      let page: { items: Subscription[]; last: string | null };
      let matched: Subscription[];
      if (travelers) {
        // Travelers are decided by their trips, their organization's settings and sharing (match-travelers.ts).
        page = await matchTravelerPage(deps, receive.settings ?? new Map(), config.channel, version, part, config.chunkSize, after);
        matched = page.items;
      } else {
        page = await deps.subscriptions.matchPage(config.channel, part, config.chunkSize, after);
        matched = page.items.filter((s) => wantsVersion(s, config.channel, version) && isCanonicalScope(s, versionScopes, part.scope));
      }
      const made = await deps.deliveries.createChunk(
        newChunk(
          key,
          matched.map((s) => s.id),
          page.last,
          lease,
        ),
        now,
      );
      return { ...made, loaded: matched };
    },
    load(chunk) {
      const after = chunk.start === PART_START ? undefined : chunk.start;
      return travelers ? travelerRange(deps, config.channel, part, after, chunk.next) : deps.subscriptions.matchRange(config.channel, part, after, chunk.next);
    },
    send: (recipients, _chunk, deadline) => send(recipients, version, deadline),
    continueFrom: (start) => partMessage(a, part, start),
    travelers,
  };
  return walkChunks(deps, config, source, receive);
}
