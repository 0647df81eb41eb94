import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { shardOf } from '../../domain/fan-out';
import type { Subscription } from '../../domain/subscription';
import { batchPut } from './batch-items';
import { ENTITIES, itemOf } from './entities';
import { addShard } from './match-index-shards';
import { addressMarkItem } from './subscription-repository';

/**
 * Writes the marks traveler alerts rely on for items written before the
 * marks existed: the shard of every trip-index item (`TRIPSHARDS#<cc>`,
 * without which a trip is never planned) and the address of every active
 * subscription (`SUBADDRMARK#<hash>`, without which a subscribed traveler
 * could get an alert twice). One Scan of the table, once, after deploying
 * the code that writes marks; safe beside live traffic and to repeat,
 * because marks are only ever added here and a stale one costs one read.
 */
export async function backfillMarks(db: DynamoDBDocumentClient, tableName: string): Promise<{ tripShards: number; addresses: number }> {
  const shards = new Map<string, Set<number>>();
  const marks = new Map<string, Record<string, unknown>>();
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#type IN (:trip, :subscription)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':trip': ENTITIES.tripIndex.type, ':subscription': ENTITIES.subscription.type },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of res.Items ?? []) {
      if (item.type === ENTITIES.tripIndex.type) {
        const country = item.country as string;
        shards.set(country, (shards.get(country) ?? new Set()).add(shardOf(item.travelerId as string)));
      } else {
        const subscription = item.data as Subscription;
        if (subscription.status === 'active' && subscription.address) marks.set(subscription.address, addressMarkItem(subscription.address));
      }
    }
    start = res.LastEvaluatedKey;
  } while (start);
  let tripShards = 0;
  for (const [country, used] of shards) {
    await Promise.all([...used].map((shard) => addShard(db, tableName, itemOf('tripShards', { country }), { country }, shard)));
    tripShards += used.size;
  }
  await batchPut(db, tableName, [...marks.values()]);
  return { tripShards, addresses: marks.size };
}
