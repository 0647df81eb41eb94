import type { Announcement } from '../domain/announcement';
import { isCanonicalScope, type FanOutPart } from '../domain/fan-out';
import type { Version } from '../domain/publication';
import type { ChunkKey } from '../ports/delivery-store';
import { partMessage, type ChannelSend, type DeliveryConfig, type DeliveryDeps, type WorkReport } from './delivery-work';
import { matchScopes, wantsVersion } from './match-scopes';
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
  const source: ChunkSource = {
    keyAt,
    async create(key, lease, now) {
      const page = await deps.subscriptions.matchPage(config.channel, part, config.chunkSize, key.start === PART_START ? undefined : key.start);
      const matched = page.items.filter((s) => wantsVersion(s, config.channel, version) && isCanonicalScope(s, versionScopes, part.scope));
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
    load: (chunk) => deps.subscriptions.matchRange(config.channel, part, chunk.start === PART_START ? undefined : chunk.start, chunk.next),
    send: (recipients, _chunk, deadline) => send(recipients, version, deadline),
    continueFrom: (start) => partMessage(a, part, start),
  };
  return walkChunks(deps, config, source, receive);
}
