import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Subscription } from '../../domain/subscription';
import type { Traveler } from '../../domain/traveler';
import type { Trip } from '../../domain/trip';
import { StoreConflictError } from '../../errors';
import { batchGet, batchPut, transact, type TransactItem } from './batch-items';
import { ENTITIES, keyOf } from './entities';
import { addressMarkItem } from './subscription-repository';
import { addTripMarks, LEGACY_MARKS, marksOfTrips, travelerTripItem } from './trip-marks';

/** Transactions in flight at once while listing trips under their travelers. */
const IN_FLIGHT = 16;

interface Found {
  trips: { trip: Trip; ttl: number }[];
  addresses: Map<string, Record<string, unknown>>;
  legacyCountries: string[];
}

/** One consistent Scan for the trips, active subscriptions and trip shard marks that still hold the channel-agnostic `shards`. */
async function scan(db: DynamoDBDocumentClient, tableName: string): Promise<Found> {
  const found: Found = { trips: [], addresses: new Map(), legacyCountries: [] };
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#type IN (:trip, :subscription, :shards)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':trip': ENTITIES.trip.type, ':subscription': ENTITIES.subscription.type, ':shards': ENTITIES.tripShards.type },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of res.Items ?? []) {
      if (item.type === ENTITIES.trip.type) found.trips.push({ trip: item.data as Trip, ttl: item.ttl as number });
      else if (item.type === ENTITIES.tripShards.type) {
        if (item[LEGACY_MARKS] !== undefined) found.legacyCountries.push(item.country as string);
      } else {
        const subscription = item.data as Subscription;
        if (subscription.status === 'active' && subscription.address) found.addresses.set(subscription.address, addressMarkItem(subscription.address));
      }
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return found;
}

/** Lists each trip under its traveler, only while the trip is there (a trip deleted since the Scan leaves nothing behind). */
async function listUnderTravelers(db: DynamoDBDocumentClient, tableName: string, trips: Found['trips']): Promise<void> {
  for (let i = 0; i < trips.length; i += IN_FLIGHT) {
    await Promise.all(
      trips.slice(i, i + IN_FLIGHT).map(({ trip, ttl }) => {
        const items: TransactItem[] = [
          { ConditionCheck: { TableName: tableName, Key: keyOf('trip', { id: trip.id }), ConditionExpression: 'attribute_exists(pk)' } },
          { Put: { TableName: tableName, Item: travelerTripItem(trip, ttl) } },
        ];
        return transact(db, items, () => new StoreConflictError('The trip was deleted meanwhile.')).catch((error: unknown) => {
          if (!(error instanceof StoreConflictError)) throw error;
        });
      }),
    );
  }
}

/**
 * Writes the marks traveler alerts rely on for items written before them:
 * each trip's countries under its traveler (`TRAVTRIP#`), the shard of each
 * trip for every channel its traveler is reachable on (`TRIPSHARDS#<cc>`,
 * without which a trip is never planned on that channel), and the address
 * of every active subscription (`SUBADDRMARK#<hash>`, without which a
 * subscribed traveler could get an alert twice); then it removes the
 * channel-agnostic marks of older releases, which planning reads as every
 * channel's until then.
 *
 * Run once after the deploy has finished (no older code writing trips);
 * safe beside live traffic and to repeat. The order is what makes it safe:
 * a trip is listed under its traveler before its traveler is read, so a
 * traveler who gains a channel meanwhile is either read here with it or
 * finds the trip when it marks its trips after saving (decision 0086); and
 * the old marks go only after every trip's new ones are written.
 */
export async function backfillMarks(db: DynamoDBDocumentClient, tableName: string): Promise<{ travelerTrips: number; tripShards: number; addresses: number; legacyRemoved: number }> {
  const found = await scan(db, tableName);
  await listUnderTravelers(db, tableName, found.trips);
  const travelers = new Map((await batchGet(db, tableName, [...new Set(found.trips.map((t) => t.trip.travelerId))].map((id) => keyOf('traveler', { id })), true)).map((i) => [(i.data as Traveler).id, i.data as Traveler]));
  let tripShards = 0;
  for (const [country, byChannel] of marksOfTrips(found.trips.map((t) => t.trip), travelers)) {
    await addTripMarks(db, tableName, country, Object.fromEntries([...byChannel].map(([channel, shards]) => [channel, [...shards]])));
    for (const shards of byChannel.values()) tripShards += shards.size;
  }
  await batchPut(db, tableName, [...found.addresses.values()]);
  for (const country of found.legacyCountries) {
    await db.send(new UpdateCommand({ TableName: tableName, Key: keyOf('tripShards', { country }), UpdateExpression: `REMOVE ${LEGACY_MARKS}` }));
  }
  return { travelerTrips: found.trips.length, tripShards, addresses: found.addresses.size, legacyRemoved: found.legacyCountries.length };
}
