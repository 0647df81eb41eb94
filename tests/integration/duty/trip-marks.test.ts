import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import { DynamoTravelerStore } from '../../../shared/adapters/dynamodb/traveler-repository';
import type { Channel } from '../../../shared/domain/channel';
import { shardOf, tripGroupOf, type FanOutPart } from '../../../shared/domain/fan-out';
import type { Version } from '../../../shared/domain/publication';
import type { Traveler } from '../../../shared/domain/traveler';
import type { Trip } from '../../../shared/domain/trip';
import { matchTravelerPage } from '../../../shared/services/match-travelers';
import { dayFromToday as day, plannedParts, postTrip as postTripOf, publishedAlert } from '../../support/duty';
import { addPerson, call, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';

/**
 * Trip shard marks per channel, against DynamoDB Local: a trip marks its
 * traveler's shard only for the channels the traveler is reachable on, a
 * traveler who gains a channel marks their trips for it, and a trip written
 * while its traveler gains a channel ends up marked whichever side reads
 * first. Each test uses countries of its own.
 */

let phoneSerial = 0;
const nextPhone = () => `+2547${String(31_000_000 + (phoneSerial += 1)).padStart(8, '0')}`;

let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  member = await addPerson(h, 'member');
});

async function emailTraveler(name: string): Promise<string> {
  const res = await call(h, 'POST', '/v1/travelers', { key: member.key, body: { name, email: uniqueAddress('marks') } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

const postTrip = (travelerId: string, country: string) => postTripOf(h, member.key, travelerId, [{ country, from: 0, to: 3 }]);

/** The traveler parts a channel's plan queues for a published version. */
async function plannedTripParts(channel: Channel, version: Version): Promise<FanOutPart[]> {
  return (await plannedParts(h, channel, version, publisher.orgId)).parts.filter((part) => part.scope.startsWith('trip:'));
}

describe('trip shard marks per channel', () => {
  it('plans an email-only traveler’s trip on the email queue and no SMS part for it', async () => {
    const id = await emailTraveler('Email Only');
    await postTrip(id, 'SC');
    expect(await h.deps.travelers.occupiedTripParts('sms', ['SC'])).toEqual([]);
    const version = await publishedAlert(h, publisher.key, ['SC']);
    expect(await plannedTripParts('email', version)).toEqual([{ scope: 'trip:SC', shard: tripGroupOf(shardOf(id)) }]);
    expect(await plannedTripParts('sms', version)).toEqual([]);
  });

  it('plans the SMS part of a traveler who adds a phone and the sms channel after their trip was written, and the part sends them the alert', async () => {
    const id = await emailTraveler('Gains SMS');
    await postTrip(id, 'MU');
    const patched = await call(h, 'PATCH', `/v1/travelers/${id}`, { key: member.key, body: { phone: nextPhone(), channels: ['email', 'sms'] } });
    expect(patched.status, patched.text).toBe(200);

    const version = await publishedAlert(h, publisher.key, ['MU']);
    const parts = await plannedTripParts('sms', version);
    expect(parts).toEqual([{ scope: 'trip:MU', shard: tripGroupOf(shardOf(id)) }]);
    const page = await matchTravelerPage(h.deps, new Map(), 'sms', version, parts[0]!, 200);
    expect(page.items.map((r) => [r.id, r.channel])).toEqual([[id, 'sms']]);
  });

  it('leaves the marks alone when a change makes no channel reachable (no SMS part for a traveler who only renames)', async () => {
    const id = await emailTraveler('Renamed');
    await postTrip(id, 'KM');
    expect((await call(h, 'PATCH', `/v1/travelers/${id}`, { key: member.key, body: { name: 'Renamed Again' } })).status).toBe(200);
    expect(await h.deps.travelers.occupiedTripParts('sms', ['KM'])).toEqual([]);
    expect(await h.deps.travelers.occupiedTripParts('email', ['KM'])).toEqual([{ country: 'KM', group: tripGroupOf(shardOf(id)) }]);
  });
});

/**
 * A store on a client of its own whose first TransactWriteItems waits until
 * released: the two sides' writes are ordered by the test, not by timing.
 */
function heldStore(): { store: DynamoTravelerStore; reached: Promise<void>; release: () => void } {
  const db = createDocumentClient({ tableName: h.tableName, endpoint: h.endpoint });
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  db.middlewareStack.add(
    (next) => async (args) => {
      if (!held && (args.input as { TransactItems?: unknown }).TransactItems !== undefined) {
        held = true;
        reach();
        await released;
      }
      return next(args);
    },
    { step: 'initialize', name: 'holdFirstTransaction' },
  );
  return { store: new DynamoTravelerStore(db, h.tableName), reached, release };
}

describe('a trip written while its traveler gains a channel', () => {
  async function setUp(country: string): Promise<{ traveler: Traveler; trip: Trip; next: Traveler }> {
    const traveler = (await h.deps.travelers.getTraveler(await emailTraveler(`Race ${country}`)))!;
    const trip: Trip = { id: h.deps.ids.next(), orgId: member.orgId, travelerId: traveler.id, segments: [{ country, from: day(0), to: day(2) }], endsOn: day(2), createdAt: h.deps.clock.now(), createdBy: member.personId };
    const next: Traveler = { ...traveler, phone: nextPhone(), channels: ['email', 'sms'], updatedAt: new Date(Date.parse(traveler.updatedAt) + 1000).toISOString() };
    return { traveler, trip, next };
  }

  it('marks a traveler’s known trips for a gained channel before the traveler is saved with it', async () => {
    const { traveler, trip, next } = await setUp('DJ');
    await h.deps.travelers.createTrip(trip, 30, []);
    const travelerSide = heldStore();
    const updating = travelerSide.store.updateTraveler(traveler, next, []);
    await travelerSide.reached;
    // Not saved yet, and already marked: no moment where the traveler takes SMS but its trip is not planned on it.
    expect((await h.deps.travelers.getTraveler(traveler.id))!.channels).toEqual(['email']);
    expect(await h.deps.travelers.occupiedTripParts('sms', ['DJ'])).toEqual([{ country: 'DJ', group: tripGroupOf(shardOf(traveler.id)) }]);
    travelerSide.release();
    await updating;
  });

  it('is marked by the trip’s own read of the traveler when the traveler is saved first (before the trip is written)', async () => {
    const { traveler, trip, next } = await setUp('ST');
    const tripSide = heldStore();
    // The trip reads the traveler (email only) and marks email, then waits before its transaction.
    const creating = tripSide.store.createTrip(trip, 30, []);
    await tripSide.reached;
    // The traveler gains SMS: it lists its trips before and after saving and finds none.
    await h.deps.travelers.updateTraveler(traveler, next, []);
    expect(await h.deps.travelers.occupiedTripParts('sms', ['ST'])).toEqual([]);
    tripSide.release();
    await creating;
    expect(await h.deps.travelers.occupiedTripParts('sms', ['ST'])).toEqual([{ country: 'ST', group: tripGroupOf(shardOf(traveler.id)) }]);
  });

  it('is marked by the traveler’s read of its trips after saving when the trip is written first (and read the traveler before the save)', async () => {
    const { traveler, trip, next } = await setUp('GQ');
    const travelerSide = heldStore();
    // The traveler lists its trips (none yet) and waits before saving.
    const updating = travelerSide.store.updateTraveler(traveler, next, []);
    await travelerSide.reached;
    // The trip is written and reads the traveler again: still email only.
    await h.deps.travelers.createTrip(trip, 30, []);
    expect(await h.deps.travelers.occupiedTripParts('sms', ['GQ'])).toEqual([]);
    travelerSide.release();
    await updating;
    expect(await h.deps.travelers.occupiedTripParts('sms', ['GQ'])).toEqual([{ country: 'GQ', group: tripGroupOf(shardOf(traveler.id)) }]);
  });
});
