import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { backfillMarks } from '../../../shared/adapters/dynamodb/backfill-marks';
import { batchDelete, batchPut } from '../../../shared/adapters/dynamodb/batch-items';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import { keyOf } from '../../../shared/adapters/dynamodb/entities';
import { tripItems } from '../../../shared/adapters/dynamodb/trip-records';
import { shardOf, tripGroupOf, type FanOutPart } from '../../../shared/domain/fan-out';
import type { Version } from '../../../shared/domain/publication';
import type { Subscription } from '../../../shared/domain/subscription';
import { matchTravelerPage } from '../../../shared/services/match-travelers';
import { plannedParts, publishedAlert } from '../../support/duty';
import { addPerson, call, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';

/**
 * How the fan-out finds and decides travelers, against DynamoDB Local:
 * traveler parts are planned from the shards trips marked, and a traveler
 * who subscribed the same address is left to a subscription only when that
 * subscription takes the version (the page asks once which addresses are
 * subscribed). Each test uses countries of its own, so the tests share one
 * table without seeing each other's trips.
 */

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  member = await addPerson(h, 'member');
});

async function traveler(name: string, countries: string[], email = uniqueAddress('traveler')): Promise<{ id: string; email: string }> {
  const res = await call(h, 'POST', '/v1/travelers', { key: member.key, body: { name, email } });
  expect(res.status, res.text).toBe(201);
  for (const country of countries) {
    const trip = await call(h, 'POST', '/v1/trips', { key: member.key, body: { travelerId: res.json.id, segments: [{ country, from: day(0), to: day(3) }] } });
    expect(trip.status, trip.text).toBe(201);
  }
  return { id: res.json.id as string, email };
}

/** The travelers a part's first page sends the version to by email. */
async function matched(version: Version, country: string, travelerId: string): Promise<string[]> {
  const part: FanOutPart = { scope: `trip:${country}`, shard: tripGroupOf(shardOf(travelerId)) };
  const page = await matchTravelerPage(h.deps, new Map(), 'email', version, part, 200);
  return page.items.map((r) => r.id);
}

async function subscribe(address: string, countries: string[], status: Subscription['status'] = 'active'): Promise<Subscription> {
  const subscription: Subscription = { id: h.deps.ids.next(), channel: 'email', address, status, createdAt: h.deps.clock.now(), filters: { countries, regions: [], kinds: [] } };
  await h.deps.subscriptions.create(subscription, []);
  return subscription;
}

describe('planning traveler parts', () => {
  it('plans one traveler part per group of shards that a trip to the country marked, after the subscription parts, and none for a country without trips', async () => {
    const travelers = [await traveler('Plan One', ['NA']), await traveler('Plan Two', ['NA']), await traveler('Plan Three', ['NA', 'BW'])];
    const groups = [...new Set(travelers.map((t) => tripGroupOf(shardOf(t.id))))].sort((a, b) => a - b);
    expect(await h.deps.travelers.occupiedTripParts('email', ['NA', 'LS'])).toEqual(groups.map((group) => ({ country: 'NA', group })));
    expect(await h.deps.travelers.occupiedTripParts('email', ['BW'])).toEqual([{ country: 'BW', group: tripGroupOf(shardOf(travelers[2]!.id)) }]);

    const subscriber = await subscribe(uniqueAddress('plan'), ['NA']);
    const version = await publishedAlert(h, publisher.key, ['NA', 'LS']);
    const { planned, parts } = await plannedParts(h, 'email', version, publisher.orgId);
    expect(planned).toBe(parts.length);
    expect(parts).toEqual([{ scope: 'c:NA', shard: shardOf(subscriber.id) }, ...groups.map((shard) => ({ scope: 'trip:NA', shard }))]);
  });

  it('keeps a trip shard planned after the trip is deleted, so a trip written meanwhile is never outside the plan', async () => {
    const gone = await traveler('Gone', ['SZ']);
    const [trip] = (await h.deps.travelers.listTrips({ orgId: member.orgId, travelerId: gone.id }, 10)).items;
    await h.deps.travelers.deleteTrip(trip!, []);
    expect(await h.deps.travelers.occupiedTripParts('email', ['SZ'])).toEqual([{ country: 'SZ', group: tripGroupOf(shardOf(gone.id)) }]);
  });
});

describe('a traveler who also subscribed', () => {
  it('is left to an active subscription of the same email that takes the version: one message', async () => {
    const both = await traveler('Both Ways', ['MW']);
    const control = await traveler('Only Traveler', ['MW']);
    await subscribe(both.email, ['MW']);
    const version = await publishedAlert(h, publisher.key, ['MW']);
    expect(await matched(version, 'MW', both.id)).not.toContain(both.id);
    expect(await matched(version, 'MW', control.id)).toContain(control.id);
  });

  it('is sent the alert when the subscription of the same email does not take the version (another country, pending, unsubscribed)', async () => {
    const elsewhere = await traveler('Subscribed Elsewhere', ['ZM']);
    await subscribe(elsewhere.email, ['FR']);
    const pending = await traveler('Pending Subscriber', ['ZM']);
    await subscribe(pending.email, ['ZM'], 'pending');
    const left = await traveler('Left', ['ZM']);
    const subscription = await subscribe(left.email, ['ZM']);
    await h.deps.subscriptions.setStatus(subscription.id, 'unsubscribed', h.deps.clock.now(), []);

    const version = await publishedAlert(h, publisher.key, ['ZM']);
    for (const t of [elsewhere, pending, left]) expect(await matched(version, 'ZM', t.id), JSON.stringify({ elsewhere, pending, left, t })).toContain(t.id);
  });

  it('is sent the alert once, by the part of the first of the version’s countries it is exposed in', async () => {
    const twice = await traveler('Two Countries', ['MZ', 'ZW']);
    const version = await publishedAlert(h, publisher.key, ['MZ', 'ZW']);
    expect(await matched(version, 'MZ', twice.id)).toContain(twice.id);
    expect(await matched(version, 'ZW', twice.id)).not.toContain(twice.id);
  });
});

describe('the subscribed-address marks', () => {
  it('mark an address from its subscription’s activation until its last subscription is deleted', async () => {
    const address = uniqueAddress('marked');
    const other = uniqueAddress('unmarked');
    const first = await subscribe(address, ['CV'], 'pending');
    expect(await h.deps.subscriptions.subscribedAddresses([address, other])).toEqual(new Set());
    await h.deps.subscriptions.setStatus(first.id, 'active', h.deps.clock.now(), []);
    expect(await h.deps.subscriptions.subscribedAddresses([address, other])).toEqual(new Set([address]));

    const second = await subscribe(address, ['GM']);
    await h.deps.subscriptions.delete(first.id, []);
    expect(await h.deps.subscriptions.subscribedAddresses([address])).toEqual(new Set([address]));
    await h.deps.subscriptions.delete(second.id, []);
    expect(await h.deps.subscriptions.subscribedAddresses([address])).toEqual(new Set());
  });
});

describe('the marks’ backfill', () => {
  it('marks the trip shards per reachable channel and the subscribed addresses of items written before the marks existed, and retires the channel-agnostic marks', async () => {
    const db = createDocumentClient({ tableName: h.tableName, endpoint: h.endpoint });
    const legacy = await call(h, 'POST', '/v1/travelers', { key: member.key, body: { name: 'Legacy Traveler', email: uniqueAddress('legacy-traveler') } });
    expect(legacy.status, legacy.text).toBe(201);
    const travelerId = legacy.json.id as string;
    const trip = { id: h.deps.ids.next(), orgId: member.orgId, travelerId, segments: [{ country: 'KM', from: day(0), to: day(2) }], endsOn: day(2), createdAt: h.deps.clock.now(), createdBy: member.personId };
    // A trip as an older release wrote it: its trip and index items, and the channel-agnostic mark of its shard.
    await batchPut(db, h.tableName, tripItems(trip, 30).filter((item) => item.type !== 'traveler-trip'));
    await db.send(new UpdateCommand({ TableName: h.tableName, Key: keyOf('tripShards', { country: 'KM' }), UpdateExpression: 'SET #type = :type, country = :country ADD shards :shard', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':type': 'trip-shards', ':country': 'KM', ':shard': new Set([shardOf(travelerId)]) } }));
    const address = uniqueAddress('legacy');
    const pendingAddress = uniqueAddress('legacy-pending');
    await subscribe(address, ['KM']);
    await subscribe(pendingAddress, ['KM'], 'pending');
    // An active subscription as it was written before its address was marked.
    await batchDelete(db, h.tableName, [keyOf('subscriptionAddressMark', { addressHash: createHash('sha256').update(address).digest('hex') })]);
    const part = { country: 'KM', group: tripGroupOf(shardOf(travelerId)) };
    // Until the backfill, the old mark stands for every channel.
    expect(await h.deps.travelers.occupiedTripParts('sms', ['KM'])).toEqual([part]);
    expect(await h.deps.subscriptions.subscribedAddresses([address])).toEqual(new Set());

    const written = await backfillMarks(db, h.tableName);
    // Other tests' trips share the table: the backfill counts theirs too.
    expect(written.travelerTrips).toBeGreaterThan(0);
    expect(written.legacyRemoved).toBe(1);
    expect(await h.deps.travelers.occupiedTripParts('email', ['KM'])).toEqual([part]);
    expect(await h.deps.travelers.occupiedTripParts('sms', ['KM'])).toEqual([]);
    expect(await h.deps.subscriptions.subscribedAddresses([address, pendingAddress])).toEqual(new Set([address]));

    // The trip is now listed under its traveler: gaining SMS marks it.
    const patched = await call(h, 'PATCH', `/v1/travelers/${travelerId}`, { key: member.key, body: { phone: '+254700000123', channels: ['email', 'sms'] } });
    expect(patched.status, patched.text).toBe(200);
    expect(await h.deps.travelers.occupiedTripParts('sms', ['KM'])).toEqual([part]);
  });
});
