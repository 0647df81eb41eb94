import { BatchGetCommand, UpdateCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../domain/channel';
import type { FanOutPart } from '../../domain/fan-out';
import { itemOf, keyOf } from './entities';

/** BatchGetItem reads at most 100 keys a call. */
const BATCH_GET_LIMIT = 100;

/**
 * Records that `shard` of each scope holds (or is about to hold) an index
 * item of the channel. Written before the index items themselves, and
 * never taken back: a shard marked for a subscription that has since gone
 * costs one empty part, whereas an index item in an unmarked shard would
 * never be delivered to.
 */
export async function markShards(db: DynamoDBDocumentClient, tableName: string, channel: Channel, scopes: readonly string[], shard: number): Promise<void> {
  await Promise.all(scopes.map((scope) => addShard(db, tableName, itemOf('subscriptionShards', { channel, scope }), { scope }, shard)));
}

/** Adds `shard` to the `shards` number set of a mark item (creating it with its type and `named` attributes). */
async function addShard(db: DynamoDBDocumentClient, tableName: string, mark: { pk: string; sk: string; type: string }, named: Record<string, string>, shard: number): Promise<void> {
  const names = Object.keys(named);
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: mark.pk, sk: mark.sk },
      UpdateExpression: `SET #type = :type${names.map((n) => `, #${n} = :${n}`).join('')} ADD shards :shard`,
      ExpressionAttributeNames: { '#type': 'type', ...Object.fromEntries(names.map((n) => [`#${n}`, n])) },
      ExpressionAttributeValues: { ':type': mark.type, ...Object.fromEntries(names.map((n) => [`:${n}`, named[n]])), ':shard': new Set([shard]) },
    }),
  );
}

/** The marked (scope, shard) parts of the channel among `scopes`, strongly consistent, in scope then shard order. */
export async function readOccupiedParts(db: DynamoDBDocumentClient, tableName: string, channel: Channel, scopes: readonly string[]): Promise<FanOutPart[]> {
  const shardsByScope = new Map<string, number[]>();
  const unique = [...new Set(scopes)];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
    let requested: Record<string, unknown>[] | undefined = unique.slice(i, i + BATCH_GET_LIMIT).map((scope) => keyOf('subscriptionShards', { channel, scope }));
    for (let round = 0; requested?.length; round += 1) {
      // Unprocessed keys come back under throttling: ask again after a short, growing pause.
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));
      const res: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: requested, ConsistentRead: true } } }));
      for (const item of res.Responses?.[tableName] ?? []) {
        shardsByScope.set(item.scope as string, [...((item.shards as Set<number> | undefined) ?? [])].map(Number));
      }
      requested = res.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return unique.flatMap((scope) => (shardsByScope.get(scope) ?? []).sort((a, b) => a - b).map((shard) => ({ scope, shard })));
}
