import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { partitionOf } from '../../shared/adapters/dynamodb/entities';
import { queryAll } from '../../shared/adapters/dynamodb/query-pages';
import type { Announcement } from '../../shared/domain/announcement';
import type { Channel } from '../../shared/domain/channel';
import { MATCH_INDEX_SHARDS } from '../../shared/domain/fan-out';
import type { RecipientOutcome } from '../../shared/ports/delivery-store';

/** What became of each recipient of a version on one channel, as its fan-out chunks record it. */
export type RecordedOutcome = { state: 'sent' } | RecipientOutcome | { state: 'sending' };

/**
 * Reads every fan-out chunk of a version and channel (one Query per shard)
 * and says, per matched subscription, whether it was sent, failed, waits
 * for a retry or was dead-lettered; recipients of a chunk still being sent
 * are `sending`. Throws if a subscription is in two chunks.
 */
export async function recipientOutcomes(h: { endpoint: string; tableName: string }, a: Pick<Announcement, 'publicationId' | 'version'>, channel: Channel): Promise<Map<string, RecordedOutcome>> {
  const db = createDocumentClient({ tableName: h.tableName, endpoint: h.endpoint });
  const found = new Map<string, RecordedOutcome>();
  for (let shard = 0; shard < MATCH_INDEX_SHARDS; shard += 1) {
    const items = await queryAll(db, {
      TableName: h.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partitionOf('fanOutChunk', { publicationId: a.publicationId, version: a.version, channel, shard }) },
      ConsistentRead: true,
    });
    for (const item of items) {
      const outcomes = (item.outcomes ?? {}) as Record<string, RecipientOutcome>;
      for (const id of (item.recipients ?? []) as string[]) {
        if (found.has(id)) throw new Error(`subscription ${id} is in two fan-out chunks`);
        found.set(id, outcomes[id] ?? (item.state === 'sending' ? { state: 'sending' } : { state: 'sent' }));
      }
    }
  }
  return found;
}
