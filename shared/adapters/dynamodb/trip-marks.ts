import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { shardOf } from '../../domain/fan-out';
import { reachableChannels, type Traveler, type TravelerChannel } from '../../domain/traveler';
import type { Trip } from '../../domain/trip';
import { batchGet } from './batch-items';
import { ENTITIES, itemOf, keyOf, partitionOf } from './entities';
import { queryAll } from './query-pages';

/**
 * The trip shard marks, per channel: `TRIPSHARDS#<cc>` holds, for email and
 * for SMS, the shards of the country's trip index that hold a trip of a
 * traveler reachable on that channel (decision 0086). Marks are only ever
 * added; a stale one costs one empty part.
 */

/** A channel's number set on a `tripShards` item. */
const marksOf = (channel: TravelerChannel) => `${channel}Shards`;

/** What releases before per-channel marks wrote (shards holding any trip): read as every channel's marks until the backfill removes it. */
export const LEGACY_MARKS = 'shards';

/** The countries a trip visits, each once, sorted. */
export function countriesOf(trip: Pick<Trip, 'segments'>): string[] {
  return [...new Set(trip.segments.map((s) => s.country))].sort();
}

/** ADDs shards to a country's marks, per channel (one UpdateItem, creating the item); channels without shards are left alone. */
export async function addTripMarks(db: DynamoDBDocumentClient, tableName: string, country: string, marks: Partial<Record<TravelerChannel, readonly number[]>>): Promise<void> {
  const channels = (Object.keys(marks) as TravelerChannel[]).filter((channel) => (marks[channel]?.length ?? 0) > 0);
  if (channels.length === 0) return;
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keyOf('tripShards', { country }),
      UpdateExpression: `SET #type = :type, #country = :country ADD ${channels.map((channel) => `#${channel} :${channel}`).join(', ')}`,
      ExpressionAttributeNames: { '#type': 'type', '#country': 'country', ...Object.fromEntries(channels.map((channel) => [`#${channel}`, marksOf(channel)])) },
      ExpressionAttributeValues: { ':type': ENTITIES.tripShards.type, ':country': country, ...Object.fromEntries(channels.map((channel) => [`:${channel}`, new Set(marks[channel])])) },
    }),
  );
}

/** Marks one traveler's shard in `countries` for `channels`. */
export async function markTravelerShard(db: DynamoDBDocumentClient, tableName: string, travelerId: string, countries: readonly string[], channels: readonly TravelerChannel[]): Promise<void> {
  if (channels.length === 0) return;
  const shard = [shardOf(travelerId)];
  await Promise.all(countries.map((country) => addTripMarks(db, tableName, country, Object.fromEntries(channels.map((channel) => [channel, shard])))));
}

/** Each country's shards per channel that trips need marked: their travelers' shards, on the channels they are reachable on (travelers not given: none). */
export function marksOfTrips(trips: readonly Pick<Trip, 'travelerId' | 'segments'>[], travelers: ReadonlyMap<string, Traveler>): Map<string, Map<TravelerChannel, Set<number>>> {
  const marks = new Map<string, Map<TravelerChannel, Set<number>>>();
  for (const trip of trips) {
    const traveler = travelers.get(trip.travelerId);
    const channels = traveler ? reachableChannels(traveler) : [];
    if (channels.length === 0) continue;
    for (const country of countriesOf(trip)) {
      const byChannel = marks.get(country) ?? new Map<TravelerChannel, Set<number>>();
      for (const channel of channels) byChannel.set(channel, (byChannel.get(channel) ?? new Set()).add(shardOf(trip.travelerId)));
      marks.set(country, byChannel);
    }
  }
  return marks;
}

/**
 * The shard marks of trips, one item per country with each channel's
 * shards (the channels their travelers are reachable on): what bulk loaders
 * (the bench) write beside `tripItems`, as `createTrip` marks one trip at a time.
 */
export function tripShardItems(trips: readonly Pick<Trip, 'travelerId' | 'segments'>[], travelers: readonly Traveler[]): Record<string, unknown>[] {
  return [...marksOfTrips(trips, new Map(travelers.map((t) => [t.id, t])))].map(([country, byChannel]) => ({
    ...itemOf('tripShards', { country }),
    country,
    ...Object.fromEntries([...byChannel].map(([channel, shards]) => [marksOf(channel), shards])),
  }));
}

/** The marked (country, shard) parts of `countries` on a channel (its marks and any legacy ones), strongly consistent, in the countries' order then by shard. */
export async function readTripParts(db: DynamoDBDocumentClient, tableName: string, channel: TravelerChannel, countries: readonly string[]): Promise<{ country: string; shard: number }[]> {
  const unique = [...new Set(countries)];
  const items = await batchGet(db, tableName, unique.map((country) => keyOf('tripShards', { country })), true);
  const numbers = (value: unknown) => [...((value as Set<number> | undefined) ?? [])].map(Number);
  const shards = new Map(items.map((i) => [i.country as string, [...new Set([...numbers(i[marksOf(channel)]), ...numbers(i[LEGACY_MARKS])])].sort((a, b) => a - b)]));
  return unique.flatMap((country) => (shards.get(country) ?? []).map((shard) => ({ country, shard })));
}

/** The item listing one trip's countries under its traveler (see `tripCountriesOf`). */
export function travelerTripItem(trip: Pick<Trip, 'id' | 'travelerId' | 'segments'>, ttl: number): Record<string, unknown> {
  return { ...itemOf('travelerTrip', { travelerId: trip.travelerId, tripId: trip.id }), tripId: trip.id, countries: countriesOf(trip), ttl };
}

/** The countries of a traveler's trips, strongly consistent (unlike gsi2): what a channel newly reachable must be marked in. */
export async function tripCountriesOf(db: DynamoDBDocumentClient, tableName: string, travelerId: string): Promise<string[]> {
  const items = await queryAll(db, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': partitionOf('travelerTrip', { travelerId }) },
    ProjectionExpression: 'countries',
    ConsistentRead: true,
  });
  return [...new Set(items.flatMap((i) => i.countries as string[]))].sort();
}
