import { createHash } from 'node:crypto';
import * as z from 'zod';
import { subscriptionScopes, type Subscription } from './subscription';

/**
 * How one announced version reaches its subscribers on a channel, planned up
 * front: the match index is split into shards (a subscription's shard is a
 * hash of its id), so a fan-out is one independent *part* per (scope, shard)
 * that any number of workers process at once, and no index partition or
 * delivery partition takes more than its share of the load
 * (docs/decisions/0016-parallel-fan-out.md).
 */

/**
 * Shards of every match-index scope. Changing it re-files every subscription
 * (a subscription's index keys name its shard), so it is a storage constant,
 * not a tuning knob: 16 keeps one Kenya-sized scope of 100,000 subscriptions at
 * ~6,250 items a partition while a one-subscriber alert costs 16 empty Queries
 * per scope.
 */
export const MATCH_INDEX_SHARDS = 16;

/** FNV-1a (32 bits): stable across processes and runtimes, cheap, well spread over ULIDs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The shard a subscription's index items live in. */
export function shardOf(subscriptionId: string): number {
  return fnv1a(subscriptionId) % MATCH_INDEX_SHARDS;
}

/** One independently processed part of a fan-out: every subscription of one scope's shard. */
export const FanOutPartSchema = z
  .object({
    // `trip:<cc>`: travelers with a trip in the country (the trip match index), beside the subscription scopes.
    scope: z.string().regex(/^(global|c:[A-Z]{2}|r:[A-Z]{2,3}|trip:[A-Z]{2})$/),
    shard: z.number().int().min(0).max(MATCH_INDEX_SHARDS - 1),
  })
  .strict();
export type FanOutPart = z.infer<typeof FanOutPartSchema>;

/**
 * Every part of a fan-out over `scopes` (as `matchScopes` lists them), scope
 * by scope.
 */
export function planParts(scopes: readonly string[]): FanOutPart[] {
  return scopes.flatMap((scope) => Array.from({ length: MATCH_INDEX_SHARDS }, (_, shard) => ({ scope, shard })));
}

/**
 * The traveler scopes of a fan-out: one per country of the version. Their
 * parts read the trip match index (`TRIPIDX#<cc>#<shard>`, sharded by
 * traveler) instead of the subscription index, and their chunk keys carry
 * the scope, so traveler and subscription chunks never meet.
 */
export function travelerScopes(countries: readonly string[]): string[] {
  return countries.map((cc) => `trip:${cc}`);
}

/**
 * The trip match index is sharded like the subscription index (a traveler's
 * items live in `shardOf(travelerId)` in every country), but a traveler part
 * reads a group of shards: `g`, `g + 2`, … `g + 14`. Trips to a country are
 * far fewer than subscriptions to it, and most of them fall outside an
 * alert's window, so many parts of a few exposed travelers each cost more in
 * chunk bookkeeping than they gain in parallelism (docs/decisions/0087,
 * 0088). A traveler part's `shard` is its group.
 */
const TRIP_PART_GROUPS = 2;

/** The group of trip-index shards a shard belongs to. */
export function tripGroupOf(shard: number): number {
  return shard % TRIP_PART_GROUPS;
}

/** The trip-index shards a traveler part of this group reads, in order. */
export function shardsOfTripGroup(group: number): number[] {
  return Array.from({ length: MATCH_INDEX_SHARDS / TRIP_PART_GROUPS }, (_, i) => group + i * TRIP_PART_GROUPS);
}

/** Whether a part reads travelers (the trip match index) rather than subscriptions. */
export function isTravelerPart(part: Pick<FanOutPart, 'scope'>): boolean {
  return part.scope.startsWith('trip:');
}

/** The country of a traveler part. */
export function travelerPartCountry(part: Pick<FanOutPart, 'scope'>): string {
  return part.scope.slice('trip:'.length);
}

/**
 * A subscription filed under several scopes of one version (a country and
 * its region) is found once in each; it belongs to the part of the first of
 * the version's scopes it is filed under, and every other part skips it.
 * That decides duplicates without a write per recipient, and every part
 * decides alike because the index copies of one subscription are written
 * together.
 */
export function isCanonicalScope(subscription: Pick<Subscription, 'filters'>, versionScopes: readonly string[], scope: string): boolean {
  const filed = new Set(subscriptionScopes(subscription.filters));
  return versionScopes.find((s) => filed.has(s)) === scope;
}

/**
 * The stable id of one delivery (a version to a subscription): the webhook
 * `Outpost-Delivery` header, the same on every retry so receivers can
 * deduplicate, and derived rather than stored.
 */
export function deliveryIdOf(publicationId: string, version: number, subscriptionId: string): string {
  return `dlv_${createHash('sha256').update(`${publicationId}#${version}#${subscriptionId}`).digest('base64url').slice(0, 24)}`;
}

/** What a traveler's delivery id is derived from in place of a subscription id, so the two can never collide. */
export function travelerDeliveryKey(travelerId: string): string {
  return `traveler:${travelerId}`;
}
