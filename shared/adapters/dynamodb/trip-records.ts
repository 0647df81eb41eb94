import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import { shardOf, shardsOfTripGroup, tripGroupOf } from '../../domain/fan-out';
import type { TravelerChannel } from '../../domain/traveler';
import { segmentsIn, tripEnd, type Trip } from '../../domain/trip';
import { StoreConflictError } from '../../errors';
import type { Page } from '../../ports/page';
import type { TripIndexPart, TripVisit, TripVisitPage } from '../../ports/traveler-store';
import { auditItem } from './audit-log';
import { batchGet, transact, ttlAfterDay, type TransactItem } from './batch-items';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { indexKeyOf, indexPartitionOf, itemOf, keyOf, partitionOf } from './entities';
import { partitionRange, queryAll, wholePartition } from './query-pages';
import { countriesOf, markTravelerShard, readTripParts, travelerTripItem } from './trip-marks';

/** Sorts after every `<travelerId>#…` key of one traveler: `$` follows `#`. */
const afterTraveler = (travelerId: string) => `${travelerId}$`;

function visitKeys(trip: Trip) {
  const shard = shardOf(trip.travelerId);
  return [
    ...countriesOf(trip).map((country) => keyOf('tripIndex', { country, shard, travelerId: trip.travelerId, tripId: trip.id })),
    keyOf('travelerTrip', { travelerId: trip.travelerId, tripId: trip.id }),
  ];
}

/**
 * A visit's position in its part: its shard, then its sort key there, so
 * positions order as a part reads its shards (`07/<travelerId>#<tripId>`).
 */
function positionOf(shard: number, sk: string): string {
  return `${String(shard).padStart(2, '0')}/${sk}`;
}

function parsePosition(position: string): { shard: number; sk: string } {
  const slash = position.indexOf('/');
  return { shard: Number(position.slice(0, slash)), sk: position.slice(slash + 1) };
}

function toVisit(item: Record<string, unknown>): TripVisit {
  const travelerId = item.travelerId as string;
  return {
    tripId: item.tripId as string,
    travelerId,
    orgId: item.orgId as string,
    country: item.country as string,
    segments: item.segments as TripVisit['segments'],
    position: positionOf(shardOf(travelerId), item.sk as string),
  };
}

/**
 * A trip's items: the trip, then one match-index item per country it
 * visits (shard of the traveler, gsi1 under the organization and country),
 * then its countries under the traveler, all with the same TTL. Bulk
 * loaders (the bench) write the same items.
 */
export function tripItems(trip: Trip, retentionDays: number): Record<string, unknown>[] {
  const ttl = ttlAfterDay(trip.endsOn, retentionDays);
  return [
    { ...itemOf('trip', trip), data: trip, ...indexKeyOf('trip', 'gsi1', trip), ...indexKeyOf('trip', 'gsi2', trip), ttl },
    ...countriesOf(trip).map((country) => {
      const segments = segmentsIn(trip.segments, country);
      return {
        ...itemOf('tripIndex', { country, shard: shardOf(trip.travelerId), travelerId: trip.travelerId, tripId: trip.id }),
        ...indexKeyOf('tripIndex', 'gsi1', { orgId: trip.orgId, country, lastDay: tripEnd(segments), tripId: trip.id }),
        tripId: trip.id,
        travelerId: trip.travelerId,
        orgId: trip.orgId,
        country,
        segments,
        ttl,
      };
    }),
    travelerTripItem(trip, ttl),
  ];
}

/**
 * Trips and the trip match index in the single table: the trip item, and
 * per country it visits one index item in shard `hash(travelerId)` of the
 * country (what traveler fan-out parts read) that is also in gsi1 under its
 * organization and country (what exposure reads). All expire together.
 */
export class DynamoTripRecords {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Writes a trip after marking its shards for `channels` (its traveler's reachable ones, as read before). */
  async create(trip: Trip, retentionDays: number, audit: AuditEntry[], channels: readonly TravelerChannel[]): Promise<void> {
    // Before the index items, and outside their transaction (every trip to a country marks the same item): a planner that finds an index item always finds its shard marked.
    await this.mark(trip, channels);
    const [tripItem, ...indexItems] = tripItems(trip, retentionDays);
    const items: TransactItem[] = [
      { Put: { TableName: this.tableName, Item: tripItem!, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...indexItems.map((Item): TransactItem => ({ Put: { TableName: this.tableName, Item } })),
      ...audit.map((entry): TransactItem => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } })),
    ];
    await transact(this.db, items, () => new StoreConflictError(`A trip with id ${trip.id} already exists.`));
  }

  /** Marks the trip's shard in each of its countries for `channels`. */
  mark(trip: Pick<Trip, 'travelerId' | 'segments'>, channels: readonly TravelerChannel[]): Promise<void> {
    return markTravelerShard(this.db, this.tableName, trip.travelerId, countriesOf(trip), channels);
  }

  async get(id: string): Promise<Trip | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('trip', { id }), ConsistentRead: true }));
    return res.Item?.data as Trip | undefined;
  }

  async delete(trip: Trip, audit: AuditEntry[]): Promise<void> {
    const items: TransactItem[] = [
      { Delete: { TableName: this.tableName, Key: keyOf('trip', { id: trip.id }), ConditionExpression: 'attribute_exists(pk)' } },
      ...visitKeys(trip).map((Key): TransactItem => ({ Delete: { TableName: this.tableName, Key } })),
      ...audit.map((entry): TransactItem => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } })),
    ];
    await transact(this.db, items, () => new StoreConflictError('The trip was deleted at the same time.'));
  }

  /** Every trip of a traveler (for the traveler's deletion). */
  /**
   * Every trip of a traveler, for deleting them all: the trips listed under
   * the traveler (strongly consistent, so one written a moment ago is there)
   * and, for trips written before those lists, the traveler's gsi2.
   */
  async ofTraveler(travelerId: string): Promise<Trip[]> {
    const [listed, indexed] = await Promise.all([
      wholePartition(this.db, this.tableName, partitionOf('travelerTrip', { travelerId })),
      queryAll(this.db, { TableName: this.tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': indexPartitionOf('trip', 'gsi2', { travelerId }) } }),
    ]);
    const ids = new Set([...listed.map((i) => i.tripId as string), ...indexed.map((i) => (i.data as Trip).id)]);
    const items = await batchGet(this.db, this.tableName, [...ids].map((id) => keyOf('trip', { id })), true);
    return items.map((i) => i.data as Trip);
  }

  async list(query: { orgId: string; travelerId?: string; endingFrom?: string }, limit: number, cursor?: string): Promise<Page<Trip>> {
    const [index, partition] = query.travelerId ? (['gsi2', indexPartitionOf('trip', 'gsi2', { travelerId: query.travelerId })] as const) : (['gsi1', indexPartitionOf('trip', 'gsi1', { orgId: query.orgId })] as const);
    const fingerprint = queryFingerprint(['trips', query.orgId, query.travelerId ?? null, query.endingFrom ?? null]);
    const before = cursor ? decodeCursor(cursor, fingerprint) : undefined;
    const sk = `${index}sk`;
    const values: Record<string, unknown> = { ':pk': partition };
    let range = '';
    if (query.endingFrom !== undefined) values[':from'] = query.endingFrom;
    if (before !== undefined) values[':before'] = before;
    // BETWEEN includes the cursor's own key: it is dropped below (keys are unique: end day and trip id).
    if (before !== undefined && query.endingFrom !== undefined) range = ` AND ${sk} BETWEEN :from AND :before`;
    else if (before !== undefined) range = ` AND ${sk} < :before`;
    else if (query.endingFrom !== undefined) range = ` AND ${sk} >= :from`;
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk${range}`,
        // A traveler's trips are filtered to the caller's organization too: the id alone must never reach another's.
        FilterExpression: '#data.orgId = :org',
        ExpressionAttributeNames: { '#data': 'data' },
        ExpressionAttributeValues: { ...values, ':org': query.orgId },
        ScanIndexForward: false,
        Limit: limit + 1,
      }),
    );
    const items = (res.Items ?? []).filter((i) => i[sk] !== before);
    const page = items.slice(0, limit);
    const last = page.at(-1);
    const more = items.length > limit || res.LastEvaluatedKey !== undefined;
    return { items: page.map((i) => i.data as Trip), cursor: more && last ? encodeCursor(last[sk] as string, fingerprint) : null };
  }

  /** The marked parts of `countries` on a channel: each marked shard's group, once. */
  async occupiedParts(channel: TravelerChannel, countries: readonly string[]): Promise<TripIndexPart[]> {
    const shards = await readTripParts(this.db, this.tableName, channel, countries);
    const groups = new Map<string, TripIndexPart>();
    for (const { country, shard } of shards) groups.set(`${country}/${tripGroupOf(shard)}`, { country, group: tripGroupOf(shard) });
    return [...groups.values()].sort((a, b) => countries.indexOf(a.country) - countries.indexOf(b.country) || a.group - b.group);
  }

  async visitPage(part: TripIndexPart, limit: number, after?: string, endingFrom?: string): Promise<TripVisitPage> {
    const start = after === undefined ? undefined : parsePosition(after);
    const shards = shardsOfTripGroup(part.group);
    const items: TripVisit[] = [];
    let read = 0;
    for (const [i, shard] of shards.entries()) {
      if (start && shard < start.shard) continue;
      const page = await this.shardPage(part.country, shard, limit - read, start?.shard === shard ? start.sk : undefined, endingFrom);
      items.push(...page.items);
      read += page.read;
      if (page.last !== undefined) return { items, last: positionOf(shard, page.last) };
      // This shard is read and so is the page's share: the next page starts at the next shard.
      const next = shards[i + 1];
      if (read >= limit && next !== undefined) return { items, last: positionOf(next, '') };
    }
    return { items, last: null };
  }

  /**
   * Up to `limit` visits of one shard read after `after` (with `endingFrom`,
   * only those whose last day is on or after it are returned), and every
   * further visit of the last traveler read; `last` is where the shard goes
   * on (after that traveler), undefined when it is read to the end.
   */
  private async shardPage(country: string, shard: number, limit: number, after: string | undefined, endingFrom: string | undefined): Promise<{ items: TripVisit[]; read: number; last: string | undefined }> {
    const pk = partitionOf('tripIndex', { country, shard });
    // The index's gsi1 sort key starts with the visit's last day there: visits that ended before `endingFrom` are read but not returned.
    const filter = endingFrom === undefined ? {} : { FilterExpression: 'gsi1sk >= :from' };
    const values = { ':pk': pk, ...(endingFrom === undefined ? {} : { ':from': endingFrom }) };
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: after ? 'pk = :pk AND sk > :after' : 'pk = :pk',
        ExpressionAttributeValues: { ...values, ...(after ? { ':after': after } : {}) },
        ...filter,
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    const items = res.Items ?? [];
    const lastRead = res.LastEvaluatedKey?.sk as string | undefined;
    if (lastRead === undefined) return { items: items.map(toVisit), read: res.ScannedCount ?? items.length, last: undefined };
    // The rest of the last traveler's visits, so that one traveler is never split between two pages (and two chunks).
    const travelerId = lastRead.slice(0, lastRead.indexOf('#'));
    const rest = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :last AND :end',
      ExpressionAttributeValues: { ...values, ':last': lastRead, ':end': afterTraveler(travelerId) },
      ...filter,
      ConsistentRead: true,
    });
    const visits = [...items, ...rest.filter((i) => i.sk !== lastRead)].map(toVisit);
    return { items: visits, read: (res.ScannedCount ?? items.length) + rest.length, last: afterTraveler(travelerId) };
  }

  async visitRange(part: TripIndexPart, after: string | undefined, through: string | null): Promise<TripVisit[]> {
    const from = after === undefined ? undefined : parsePosition(after);
    const to = through === null ? undefined : parsePosition(through);
    const visits: TripVisit[] = [];
    for (const shard of shardsOfTripGroup(part.group)) {
      if ((from && shard < from.shard) || (to && shard > to.shard)) continue;
      const pk = partitionOf('tripIndex', { country: part.country, shard });
      const items = await partitionRange(this.db, this.tableName, pk, from?.shard === shard ? from.sk : undefined, to?.shard === shard ? to.sk : null);
      visits.push(...items.map(toVisit));
    }
    return visits;
  }

  async visitsOf(country: string, travelerId: string): Promise<TripVisit[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :traveler)',
      ExpressionAttributeValues: { ':pk': partitionOf('tripIndex', { country, shard: shardOf(travelerId) }), ':traveler': `${travelerId}#` },
      ConsistentRead: true,
    });
    return items.map(toVisit);
  }

  async organizationVisits(orgId: string, country: string, fromDay: string): Promise<TripVisit[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :from',
      ExpressionAttributeValues: { ':pk': indexPartitionOf('tripIndex', 'gsi1', { orgId, country }), ':from': fromDay },
    });
    return items.map(toVisit);
  }
}
