/**
 * Bulk-loads active subscriptions for the delivery benchmarks: one match
 * index item per subscription (what matching reads) and the marks of the
 * shards they use (what planning reads), written with parallel
 * BatchWriteItem calls, retrying unprocessed items. Setup only: the API's
 * own path (create, confirm) is what the tests cover.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemOf } from '../shared/adapters/dynamodb/entities';
import { markShards } from '../shared/adapters/dynamodb/match-index-shards';
import { shardOf } from '../shared/domain/fan-out';
import { runPool } from '../shared/services/run-pool';
import type { Channel } from '../shared/domain/channel';
import type { Subscription } from '../shared/domain/subscription';

export interface SeedOptions {
  /** BatchWriteItem calls in flight (default 16). */
  inFlight?: number;
  /** Stop early (returning how many were written) once this epoch-ms deadline passes. */
  deadline?: number;
}

/** Writes `count` index items from `make(i)`; resolves to how many were written before the deadline. */
export async function seedSubscriptions(
  db: DynamoDBDocumentClient,
  table: string,
  count: number,
  make: (i: number) => { subscription: Subscription; scope: string },
  options: SeedOptions = {},
): Promise<number> {
  const inFlight = options.inFlight ?? 16;
  let next = 0;
  let written = 0;
  const shards = new Map<string, { channel: Channel; scope: string; shards: Set<number> }>();
  const worker = async () => {
    while (next < count) {
      if (options.deadline !== undefined && Date.now() > options.deadline) return;
      const start = next;
      next = Math.min(count, next + 25);
      const items = [];
      for (let i = start; i < next; i += 1) {
        const { subscription, scope } = make(i);
        const marked = shards.get(`${subscription.channel} ${scope}`) ?? { channel: subscription.channel, scope, shards: new Set<number>() };
        marked.shards.add(shardOf(subscription.id));
        shards.set(`${subscription.channel} ${scope}`, marked);
        items.push({ ...itemOf('subscriptionIndex', { channel: subscription.channel, scope, shard: shardOf(subscription.id), id: subscription.id }), data: subscription, orgId: subscription.orgId ?? null });
      }
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = { [table]: items.map((Item) => ({ PutRequest: { Item } })) };
      while (request && Object.keys(request).length > 0) {
        const res = await db.send(new BatchWriteCommand({ RequestItems: request }));
        request = res.UnprocessedItems as typeof request;
      }
      written += items.length;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  // As the repository does for each subscription: the planner queues only marked shards.
  const marks = [...shards.values()].flatMap(({ channel, scope, shards: used }) => [...used].map((shard) => ({ channel, scope, shard })));
  await runPool(marks, inFlight, ({ channel, scope, shard }) => markShards(db, table, channel, [scope], shard));
  return written;
}

/** A bench subscription: active, anonymous, with a fake address (never a real one). */
export function benchSubscription(i: number, channel: Channel, filters: Subscription['filters']): Subscription {
  const id = `SUB${String(i).padStart(23, '0')}`;
  return {
    id,
    channel,
    status: 'active',
    createdAt: '2030-01-01T00:00:00Z',
    filters,
    ...(channel === 'email' ? { address: `bench${i}@example.invalid` } : {}),
    ...(channel === 'sms' ? { address: `+1555${String(i).padStart(7, '0')}` } : {}),
  };
}
