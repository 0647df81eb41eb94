import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import { reachableChannels, type Traveler, type TravelerChannel } from '../../domain/traveler';
import type { Trip } from '../../domain/trip';
import { StoreConflictError } from '../../errors';
import type { Page } from '../../ports/page';
import type { TravelerStore, TripIndexPart, TripVisit, TripVisitPage } from '../../ports/traveler-store';
import { addressHash } from './address-hash';
import { auditItem } from './audit-log';
import { batchGet, transact, type TransactItem } from './batch-items';
import { gsi1Page, wholePartition } from './query-pages';
import { indexKeyOf, indexPartitionOf, itemOf, keyOf, partitionOf } from './entities';
import { markTravelerShard, tripCountriesOf } from './trip-marks';
import { DynamoTripRecords } from './trip-records';

const channelsOf = (traveler: Traveler | undefined): TravelerChannel[] => (traveler ? reachableChannels(traveler) : []);

function addressesOf(traveler: Pick<Traveler, 'email' | 'phone'>): string[] {
  return [traveler.email, traveler.phone].filter((a): a is string => a !== undefined);
}

function addressItem(traveler: Traveler, address: string): Record<string, unknown> {
  return { ...itemOf('travelerAddress', { addressHash: addressHash(address), id: traveler.id }), travelerId: traveler.id, orgId: traveler.orgId };
}

/** A traveler's items: the traveler (gsi1 under its organization), its stop code, then one address item per email and phone. Bulk loaders (the bench) write the same items. */
export function travelerItems(traveler: Traveler): Record<string, unknown>[] {
  return [
    { ...itemOf('traveler', traveler), data: traveler, ...indexKeyOf('traveler', 'gsi1', traveler) },
    { ...itemOf('travelerStopCode', { code: traveler.stopCode }), travelerId: traveler.id },
    ...addressesOf(traveler).map((address) => addressItem(traveler, address)),
  ];
}

/**
 * Travelers in the single table: the traveler item (in gsi1 under its
 * organization), an address item per email and phone (imports, SMS replies,
 * the subscriber check of traveler alerts), and the stop-code item of its
 * `/t/<code>` link. Trips and the trip match index: `DynamoTripRecords`.
 */
export class DynamoTravelerStore implements TravelerStore {
  private readonly trips: DynamoTripRecords;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.trips = new DynamoTripRecords(db, tableName);
  }

  async createTraveler(traveler: Traveler, audit: AuditEntry[]): Promise<void> {
    const [item, stopCode, ...addresses] = travelerItems(traveler);
    const items: TransactItem[] = [
      { Put: { TableName: this.tableName, Item: item!, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: stopCode!, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...addresses.map((Item): TransactItem => ({ Put: { TableName: this.tableName, Item } })),
      ...this.auditPuts(audit),
    ];
    await transact(this.db, items, () => new StoreConflictError('A traveler with this id or stop code already exists.'));
  }

  async getTraveler(id: string): Promise<Traveler | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('traveler', { id }), ConsistentRead: true }));
    return res.Item?.data as Traveler | undefined;
  }

  async getTravelers(ids: readonly string[]): Promise<Map<string, Traveler>> {
    const unique = [...new Set(ids)];
    const items = await batchGet(this.db, this.tableName, unique.map((id) => keyOf('traveler', { id })));
    return new Map(items.map((i) => [(i.data as Traveler).id, i.data as Traveler]));
  }

  /**
   * A channel that becomes reachable is marked in the countries of the
   * traveler's trips both before the save (no window where the traveler is
   * reachable but a known trip unmarked) and after it (a trip written
   * meanwhile whose own re-read of the traveler came too early); see
   * `createTrip` and decision 0086.
   */
  async updateTraveler(expected: Traveler, next: Traveler, audit: AuditEntry[]): Promise<void> {
    const had = reachableChannels(expected);
    const gained = reachableChannels(next).filter((channel) => !had.includes(channel));
    const known = gained.length > 0 ? await tripCountriesOf(this.db, this.tableName, expected.id) : [];
    await markTravelerShard(this.db, this.tableName, expected.id, known, gained);
    await this.save(expected, next, audit);
    if (gained.length === 0) return;
    const countries = await tripCountriesOf(this.db, this.tableName, expected.id);
    await markTravelerShard(this.db, this.tableName, expected.id, countries.filter((country) => !known.includes(country)), gained);
  }

  private async save(expected: Traveler, next: Traveler, audit: AuditEntry[]): Promise<void> {
    const before = new Set(addressesOf(expected));
    const after = new Set(addressesOf(next));
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: this.travelerItem(next),
          ConditionExpression: 'attribute_exists(pk) AND #data.updatedAt = :expected',
          ExpressionAttributeNames: { '#data': 'data' },
          ExpressionAttributeValues: { ':expected': expected.updatedAt },
        },
      },
      ...[...before].filter((a) => !after.has(a)).map((a): TransactItem => ({ Delete: { TableName: this.tableName, Key: keyOf('travelerAddress', { addressHash: addressHash(a), id: expected.id }) } })),
      ...[...after].filter((a) => !before.has(a)).map((a): TransactItem => ({ Put: { TableName: this.tableName, Item: addressItem(next, a) } })),
      ...this.auditPuts(audit),
    ];
    await transact(this.db, items, () => new StoreConflictError('The traveler changed at the same time; read it again and retry.'));
  }

  async deleteTraveler(traveler: Traveler, audit: AuditEntry[]): Promise<number> {
    // Trips first (each with its index items), so a failure half-way leaves a traveler without some trips, never trips without a traveler.
    const trips = await this.trips.ofTraveler(traveler.id);
    for (const trip of trips) await this.trips.delete(trip, []);
    const items: TransactItem[] = [
      { Delete: { TableName: this.tableName, Key: keyOf('traveler', { id: traveler.id }), ConditionExpression: 'attribute_exists(pk)' } },
      ...addressesOf(traveler).map((a): TransactItem => ({ Delete: { TableName: this.tableName, Key: keyOf('travelerAddress', { addressHash: addressHash(a), id: traveler.id }) } })),
      { Delete: { TableName: this.tableName, Key: keyOf('travelerStopCode', { code: traveler.stopCode }) } },
      ...this.auditPuts(audit),
    ];
    await transact(this.db, items, () => new StoreConflictError('The traveler was deleted at the same time.'));
    return trips.length;
  }

  async listTravelers(orgId: string, limit: number, cursor?: string): Promise<Page<Traveler>> {
    const page = await gsi1Page(this.db, this.tableName, indexPartitionOf('traveler', 'gsi1', { orgId }), ['travelers', orgId], limit, cursor);
    return { items: page.items.map((i) => i.data as Traveler), cursor: page.cursor };
  }

  async findTravelersByAddress(address: string): Promise<Traveler[]> {
    const refs = await wholePartition(this.db, this.tableName, partitionOf('travelerAddress', { addressHash: addressHash(address) }));
    const found = await this.getTravelers(refs.map((r) => r.travelerId as string));
    // A hash collision is practically impossible; comparing the address costs nothing.
    return [...found.values()].filter((t) => t.email === address || t.phone === address);
  }

  async getTravelerByStopCode(code: string): Promise<Traveler | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('travelerStopCode', { code }), ConsistentRead: true }));
    const id = res.Item?.travelerId as string | undefined;
    const traveler = id ? await this.getTraveler(id) : undefined;
    return traveler?.stopCode === code ? traveler : undefined;
  }

  /**
   * Marks the trip's shards for the channels its traveler is reachable on
   * before writing it, then reads the traveler again and marks any channel
   * gained meanwhile: with `updateTraveler`'s read of the trips after its
   * save, one of the two always sees the other's write (decision 0086).
   */
  async createTrip(trip: Trip, retentionDays: number, audit: AuditEntry[]): Promise<void> {
    const before = channelsOf(await this.getTraveler(trip.travelerId));
    await this.trips.create(trip, retentionDays, audit, before);
    const after = channelsOf(await this.getTraveler(trip.travelerId));
    await this.trips.mark(trip, after.filter((channel) => !before.includes(channel)));
  }

  getTrip(id: string): Promise<Trip | undefined> {
    return this.trips.get(id);
  }

  deleteTrip(trip: Trip, audit: AuditEntry[]): Promise<void> {
    return this.trips.delete(trip, audit);
  }

  listTrips(query: { orgId: string; travelerId?: string; endingFrom?: string }, limit: number, cursor?: string): Promise<Page<Trip>> {
    return this.trips.list(query, limit, cursor);
  }

  occupiedTripParts(channel: TravelerChannel, countries: readonly string[]): Promise<TripIndexPart[]> {
    return this.trips.occupiedParts(channel, countries);
  }

  visitPage(part: TripIndexPart, limit: number, after?: string, endingFrom?: string): Promise<TripVisitPage> {
    return this.trips.visitPage(part, limit, after, endingFrom);
  }

  visitRange(part: TripIndexPart, after: string | undefined, through: string | null): Promise<TripVisit[]> {
    return this.trips.visitRange(part, after, through);
  }

  visitsOf(country: string, travelerId: string): Promise<TripVisit[]> {
    return this.trips.visitsOf(country, travelerId);
  }

  organizationVisits(orgId: string, country: string, fromDay: string): Promise<TripVisit[]> {
    return this.trips.organizationVisits(orgId, country, fromDay);
  }

  private travelerItem(traveler: Traveler): Record<string, unknown> {
    return travelerItems(traveler)[0]!;
  }

  private auditPuts(audit: AuditEntry[]): TransactItem[] {
    return audit.map((entry) => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } }));
  }
}

