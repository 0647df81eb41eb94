import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, call, makeHarness, type Harness } from '../../support/harness';
import { dayFromToday as day, postTrip } from '../../support/duty';
import { dumpTable } from '../../support/table-dump';
import { uniqueAddress } from '../../support/unique';

/**
 * The retention rules of travelers and trips (docs/security.md, "Data
 * retention"): an organization pages through, exports and deletes its
 * travelers (trips, index items, address items and answers with them), and
 * every trip item and trip-index item carries the TTL of the organization's
 * `tripRetentionDays` (default 30) after the trip's last day, however the
 * trip was made.
 */

let h: Harness;
let phoneSerial = 0;

const nextPhone = () => `+2547${String(31_000_000 + (phoneSerial += 1)).padStart(8, '0')}`;
/** The TTL a trip ending on `lastDay` must carry: the end of that day (UTC) plus the retention days, in epoch seconds. */
const expectedTtl = (lastDay: string, days: number) => Date.parse(`${lastDay}T23:59:59Z`) / 1000 + days * 86_400;

beforeAll(async () => {
  h = await makeHarness();
});

async function traveler(key: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call(h, 'POST', '/v1/travelers', { key, body: { name, email: uniqueAddress('retained'), ...extra } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

/** The trip item and its match-index items, straight from the table. */
async function tripItemsOf(tripId: string): Promise<Record<string, unknown>[]> {
  return (await dumpTable(h)).filter((i) => i.pk === `TRIP#${tripId}` || (i.type === 'trip-index' && i.tripId === tripId));
}

describe('an organization’s travelers', () => {
  it('pages through every traveler exactly once, and only its own', async () => {
    const member = await addPerson(h, 'member');
    const other = await addPerson(h, 'member');
    const mine = [];
    for (let i = 0; i < 7; i++) mine.push(await traveler(member.key, `Paged ${i}`));
    await traveler(other.key, 'Someone Else');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(h, 'GET', `/v1/travelers?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key: member.key });
      expect(res.status, res.text).toBe(200);
      expect(res.json.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.json.items.map((t: { id: string }) => t.id));
      cursor = res.json.cursor as string | null;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    // Newest first, as the gsi1 listings are.
    expect(seen).toEqual([...mine].reverse());
  });

  it('exports every traveler with every trip, audited, and nothing of another organization', async () => {
    const member = await addPerson(h, 'member');
    const admin = await addPerson(h, 'admin', member.org);
    const other = await addPerson(h, 'member');
    const a = await traveler(member.key, 'Export A', { phone: nextPhone() });
    const b = await traveler(member.key, 'Export B');
    const trips = [await postTrip(h, member.key, a, [{ country: 'KE', from: -3, to: 2 }]), await postTrip(h, member.key, a, [{ country: 'UG', from: 10, to: 12 }, { country: 'RW', from: 13, to: 14 }])];
    const foreign = await traveler(other.key, 'Not Mine');
    await postTrip(h, other.key, foreign, [{ country: 'KE', from: 0, to: 1 }]);

    const res = await call(h, 'GET', '/v1/travelers/export', { key: member.key });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const byId = new Map((res.json.travelers as { id: string; trips: { id: string; segments: unknown[] }[] }[]).map((t) => [t.id, t]));
    expect([...byId.keys()].sort()).toEqual([a, b].sort());
    expect(byId.get(a)!.trips.map((t) => t.id).sort()).toEqual(trips.sort());
    expect(byId.get(a)!.trips.find((t) => t.id === trips[1])!.segments).toHaveLength(2);
    expect(byId.get(b)!.trips).toEqual([]);
    expect(res.text).not.toContain(foreign);
    const trail = await call(h, 'GET', '/v1/audit?limit=50', { key: admin.key });
    expect(trail.json.items.filter((e: { action: string }) => e.action === 'traveler.exported')).toEqual([expect.objectContaining({ details: { travelers: 2 } })]);
  });

  it('deletes a traveler with its trips, their match-index items, its address items, stop code and safety-check answers', async () => {
    const member = await addPerson(h, 'member');
    const phone = nextPhone();
    const id = await traveler(member.key, 'Deleted Traveler', { phone });
    const kept = await traveler(member.key, 'Kept Traveler');
    const trips = [await postTrip(h, member.key, id, [{ country: 'KE', from: -1, to: 2 }, { country: 'TZ', from: 3, to: 5 }]), await postTrip(h, member.key, id, [{ country: 'FR', from: 20, to: 22 }])];
    const keptTrip = await postTrip(h, member.key, kept, [{ country: 'KE', from: -1, to: 2 }]);
    const check = await call(h, 'POST', '/v1/safety-checks', { key: member.key, body: { countries: ['KE'], message: 'Are you safe?', channels: ['email'] } });
    expect(check.status, check.text).toBe(201);
    const before = await dumpTable(h);
    expect(before.filter((i) => i.type === 'trip-index' && i.travelerId === id)).toHaveLength(3);
    expect(before.filter((i) => i.type === 'safety-token' && i.travelerId === id)).toHaveLength(1);

    expect((await call(h, 'DELETE', `/v1/travelers/${id}`, { key: member.key })).status).toBe(204);

    const after = await dumpTable(h);
    // Nothing but the audit trail names the traveler any more.
    expect(after.filter((i) => i.type !== 'audit' && JSON.stringify(i).includes(id))).toEqual([]);
    for (const tripId of trips) expect(await tripItemsOf(tripId)).toEqual([]);
    expect(after.filter((i) => i.type === 'traveler-address' && i.travelerId === id)).toEqual([]);
    expect(JSON.stringify(after)).not.toContain(phone);
    // The colleague and its trip are untouched.
    expect(await tripItemsOf(keptTrip)).toHaveLength(2);
    const read = await call(h, 'GET', `/v1/safety-checks/${check.json.id}`, { key: member.key });
    expect(read.json.travelers.map((t: { travelerId: string }) => t.travelerId)).toEqual([kept]);
  });

  it('deletes a trip written a moment before, which the traveler\'s trips index (gsi2) does not show yet', async () => {
    const member = await addPerson(h, 'member');
    const id = await traveler(member.key, 'Fresh Trip');
    const tripId = await postTrip(h, member.key, id, [{ country: 'KE', from: 0, to: 2 }]);
    // An index lags its table: the trip as gsi2 would not have it yet.
    await createDocumentClient({ tableName: h.tableName, endpoint: h.endpoint }).send(new UpdateCommand({ TableName: h.tableName, Key: { pk: `TRIP#${tripId}`, sk: 'TRIP' }, UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }));

    expect((await call(h, 'DELETE', `/v1/travelers/${id}`, { key: member.key })).status).toBe(204);

    expect(await tripItemsOf(tripId)).toEqual([]);
  });
});

describe('trip retention (TTL)', () => {
  it('sets the default 30-day TTL after the last day on every trip item and each of its match-index items', async () => {
    const member = await addPerson(h, 'member');
    const id = await traveler(member.key, 'Default Retention');
    const tripId = await postTrip(h, member.key, id, [{ country: 'KE', from: 1, to: 4 }, { country: 'UG', from: 5, to: 9 }, { country: 'KE', from: 10, to: 11 }]);
    const items = await tripItemsOf(tripId);
    expect(items.map((i) => i.type).sort()).toEqual(['trip', 'trip-index', 'trip-index']);
    // Every item expires with the trip as a whole, not with its own country's last day.
    for (const item of items) expect(item.ttl, String(item.sk)).toBe(expectedTtl(day(11), 30));
  });

  it('uses the organization’s tripRetentionDays for trips made after the change, through the API and imports alike', async () => {
    const member = await addPerson(h, 'member');
    const changed = await call(h, 'PATCH', '/v1/organizations/me', { key: member.key, body: { tripRetentionDays: 7 } });
    expect(changed.status, changed.text).toBe(200);
    const email = uniqueAddress('imported');
    const id = await traveler(member.key, 'Short Retention', { email });
    const tripId = await postTrip(h, member.key, id, [{ country: 'FR', from: -5, to: -2 }, { country: 'DE', from: -1, to: 0 }]);
    for (const item of await tripItemsOf(tripId)) expect(item.ttl, String(item.sk)).toBe(expectedTtl(day(0), 7));

    const csv = `email,name,country,city,from,to\n${email},Short Retention,KE,Nairobi,${day(3)},${day(6)}\n`;
    const imported = await h.app.request(new Request('http://outpost.test/v1/trips/import', { method: 'POST', headers: { authorization: `Bearer ${member.key}`, 'content-type': 'text/csv' }, body: csv }));
    expect(imported.status, await imported.clone().text()).toBe(200);
    const trips = await call(h, 'GET', `/v1/trips?travelerId=${id}`, { key: member.key });
    const importedTrip = (trips.json.items as { id: string }[]).find((t) => t.id !== tripId)!;
    const items = await tripItemsOf(importedTrip.id);
    expect(items).toHaveLength(2);
    for (const item of items) expect(item.ttl, String(item.sk)).toBe(expectedTtl(day(6), 7));
  });
});
