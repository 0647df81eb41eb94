import { beforeAll, describe, expect, it } from 'vitest';
import { MATCH_INDEX_SHARDS, shardOf } from '../../../shared/domain/fan-out';
import type { Subscription } from '../../../shared/domain/subscription';
import { makeHarness, type Harness } from '../../support/harness';
import { indexedUnder } from '../../support/match-index';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});

function emailSubscription(id: string, countries: string[], status: Subscription['status'] = 'active'): Subscription {
  return { id, channel: 'email', address: `${id.toLowerCase()}@example.invalid`, status, createdAt: '2030-01-01T00:00:00Z', filters: { countries, regions: [], kinds: [] } };
}

/** Ids whose shards differ, so a test sees more than one shard marked. */
function idsInDistinctShards(prefix: string, count: number): string[] {
  const byShard = new Map<number, string>();
  for (let i = 0; byShard.size < count && i < 10_000; i += 1) {
    const id = `${prefix}${String(i).padStart(6, '0')}`;
    if (!byShard.has(shardOf(id))) byShard.set(shardOf(id), id);
  }
  return [...byShard.values()];
}

describe('the shards of the match index that planning reads', () => {
  it('lists nothing for a scope no subscription has used', async () => {
    expect(await h.deps.subscriptions.occupiedParts('email', ['c:TV', 'c:NR'])).toEqual([]);
  });

  it('lists exactly the shards of active subscriptions, per scope and channel, in shard order', async () => {
    const ids = idsInDistinctShards('SHARDSIS', 3);
    for (const id of ids) await h.deps.subscriptions.create(emailSubscription(id, ['IS', 'FO']), []);
    await h.deps.subscriptions.create(emailSubscription(`${ids[0]}P`, ['GL'], 'pending'), []);

    const shards = ids.map(shardOf).sort((a, b) => a - b);
    expect(await h.deps.subscriptions.occupiedParts('email', ['c:IS', 'c:FO', 'c:GL'])).toEqual([
      ...shards.map((shard) => ({ scope: 'c:IS', shard })),
      ...shards.map((shard) => ({ scope: 'c:FO', shard })),
    ]);
    expect(await h.deps.subscriptions.occupiedParts('sms', ['c:IS'])).toEqual([]);
  });

  it('marks the shard when a pending subscription is confirmed and when filters add a scope', async () => {
    const [id] = idsInDistinctShards('SHARDSCONF', 1);
    await h.deps.subscriptions.create(emailSubscription(id!, ['AD'], 'pending'), []);
    expect(await h.deps.subscriptions.occupiedParts('email', ['c:AD'])).toEqual([]);
    await h.deps.subscriptions.setStatus(id!, 'active', '2030-01-02T00:00:00Z', []);
    expect(await h.deps.subscriptions.occupiedParts('email', ['c:AD'])).toEqual([{ scope: 'c:AD', shard: shardOf(id!) }]);

    const current = (await h.deps.subscriptions.get(id!))!;
    await h.deps.subscriptions.updateFilters(current, { ...current.filters, countries: ['AD', 'SM'] }, '2030-01-03T00:00:00Z', []);
    expect(await h.deps.subscriptions.occupiedParts('email', ['c:SM'])).toEqual([{ scope: 'c:SM', shard: shardOf(id!) }]);
  });

  it('keeps a shard listed after its last subscription leaves, so no indexed subscription is ever outside the plan', async () => {
    const [id] = idsInDistinctShards('SHARDSGONE', 1);
    await h.deps.subscriptions.create(emailSubscription(id!, ['LI']), []);
    await h.deps.subscriptions.setStatus(id!, 'unsubscribed', '2030-01-02T00:00:00Z', []);

    expect(await indexedUnder(h.deps.subscriptions, 'email', 'c:LI')).toEqual([]);
    const parts = await h.deps.subscriptions.occupiedParts('email', ['c:LI']);
    expect(parts).toEqual([{ scope: 'c:LI', shard: shardOf(id!) }]);
    expect(parts.every((p) => p.shard >= 0 && p.shard < MATCH_INDEX_SHARDS)).toBe(true);
  });
});
