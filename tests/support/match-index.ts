import type { Channel } from '../../shared/domain/channel';
import { MATCH_INDEX_SHARDS } from '../../shared/domain/fan-out';
import type { Subscription } from '../../shared/domain/subscription';
import type { SubscriptionStore } from '../../shared/ports/subscription-store';

/** Every subscription the match index files under one scope, across its shards, in pages of `pageSize`. */
export async function indexedUnder(store: Pick<SubscriptionStore, 'matchPage'>, channel: Channel, scope: string, pageSize = 100): Promise<Subscription[]> {
  const found: Subscription[] = [];
  for (let shard = 0; shard < MATCH_INDEX_SHARDS; shard += 1) {
    let after: string | undefined;
    do {
      const page = await store.matchPage(channel, { scope, shard }, pageSize, after);
      found.push(...page.items);
      after = page.last ?? undefined;
    } while (after !== undefined);
  }
  return found;
}
