import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, alertInput, call, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';

/**
 * The duty-of-care API: travelers and trips scoped to the caller's
 * organization, itinerary imports that keep the good lines and report the
 * bad ones, and the exposure of a publication.
 */

let h: Harness;
let member: Awaited<ReturnType<typeof addPerson>>;
let other: Awaited<ReturnType<typeof addPerson>>;
let publisher: Awaited<ReturnType<typeof addPerson>>;

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await makeHarness();
  member = await addPerson(h, 'member');
  other = await addPerson(h, 'member');
  publisher = await addPerson(h, 'publisher');
});

async function traveler(key: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call(h, 'POST', '/v1/travelers', { key, body: { name, email: uniqueAddress('email'), ...extra } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

async function trip(key: string, travelerId: string, country: string, from: number, to: number): Promise<string> {
  const res = await call(h, 'POST', '/v1/trips', { key, body: { travelerId, segments: [{ country, from: day(from), to: day(to) }] } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

describe('travelers', () => {
  it('registers, reads, changes and deletes a traveler of the caller’s organization', async () => {
    const created = await call(h, 'POST', '/v1/travelers', { key: member.key, body: { name: 'Ana Ruiz', email: uniqueAddress('email'), phone: '+254712000001' } });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ name: 'Ana Ruiz', channels: ['email', 'sms'], alertsStopped: false });
    const id = created.json.id as string;
    expect((await call(h, 'GET', `/v1/travelers/${id}`, { key: member.key })).json.name).toBe('Ana Ruiz');
    const patched = await call(h, 'PATCH', `/v1/travelers/${id}`, { key: member.key, body: { phone: null } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json).toMatchObject({ phone: null, channels: ['email'] });
    expect((await call(h, 'DELETE', `/v1/travelers/${id}`, { key: member.key })).status).toBe(204);
    expect((await call(h, 'GET', `/v1/travelers/${id}`, { key: member.key })).status).toBe(404);
  });

  it('refuses a traveler without an address, naming the field, as problem+json', async () => {
    const res = await call(h, 'POST', '/v1/travelers', { key: member.key, body: { name: 'Nobody' } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'email' })]));
    const badPhone = await call(h, 'POST', '/v1/travelers', { key: member.key, body: { name: 'X', phone: '12' } });
    expect(badPhone.status).toBe(422);
    expect(badPhone.json.errors[0].path).toBe('phone');
  });

  it('never shows a traveler or trip to another organization, nor lets it touch them', async () => {
    const id = await traveler(member.key, 'Private Person');
    const tripId = await trip(member.key, id, 'KE', 0, 2);
    expect((await call(h, 'GET', `/v1/travelers/${id}`, { key: other.key })).status).toBe(404);
    expect((await call(h, 'PATCH', `/v1/travelers/${id}`, { key: other.key, body: { name: 'Stolen' } })).status).toBe(404);
    expect((await call(h, 'DELETE', `/v1/trips/${tripId}`, { key: other.key })).status).toBe(404);
    const trips = await call(h, 'GET', `/v1/trips?travelerId=${id}`, { key: other.key });
    expect(trips.json.items).toEqual([]);
    const created = await call(h, 'POST', '/v1/trips', { key: other.key, body: { travelerId: id, segments: [{ country: 'KE', from: day(0), to: day(1) }] } });
    expect(created.status).toBe(404);
    const list = await call(h, 'GET', '/v1/travelers?limit=200', { key: other.key });
    expect(list.json.items.map((t: { id: string }) => t.id)).not.toContain(id);
    expect((await call(h, 'GET', '/v1/travelers')).status).toBe(401);
  });

  it('lists only active trips with active=true', async () => {
    const id = await traveler(member.key, 'Trip Lister');
    const past = await trip(member.key, id, 'FR', -20, -10);
    const current = await trip(member.key, id, 'FR', -1, 3);
    const all = await call(h, 'GET', `/v1/trips?travelerId=${id}`, { key: member.key });
    expect(all.json.items.map((t: { id: string }) => t.id).sort()).toEqual([past, current].sort());
    const active = await call(h, 'GET', `/v1/trips?travelerId=${id}&active=true`, { key: member.key });
    expect(active.json.items.map((t: { id: string }) => t.id)).toEqual([current]);
  });

  it('refuses a segment that ends before it starts, naming the field', async () => {
    const id = await traveler(member.key, 'Backwards');
    const res = await call(h, 'POST', '/v1/trips', { key: member.key, body: { travelerId: id, segments: [{ country: 'KE', from: day(3), to: day(1) }] } });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe('segments.0.to');
  });
});

describe('imports', () => {
  it('creates the good CSV lines and reports each bad one with its line number', async () => {
    const a = uniqueAddress('email');
    const b = uniqueAddress('email');
    const csv = [
      'email,name,country,city,from,to',
      `${a},Csv One,Kenya,Nairobi,${day(0)},${day(4)}`,
      `not-an-email,Bad Email,KE,,${day(0)},${day(1)}`,
      `${b},Csv Two,KE,Mombasa,${day(1)},${day(2)}`,
      `${a},Csv One,Atlantis,,${day(0)},${day(1)}`,
      `${b},Csv Two,TZ,,${day(5)},${day(2)}`,
      `"${b},Csv Two,TZ,,${day(5)},${day(6)}`,
      `${a},Csv One,UG,Kampala,${day(5)},${day(6)}`,
    ].join('\n');
    const res = await call(h, 'POST', '/v1/trips/import', { key: member.key, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.created).toBe(3);
    expect(res.json.travelers).toBe(2);
    expect(res.json.errors.map((e: { line: number }) => e.line)).toEqual([3, 5, 6, 7]);
    expect(res.json.errors[1].message).toContain('Atlantis');
    const travelers = await call(h, 'GET', '/v1/travelers?limit=200', { key: member.key });
    const one = travelers.json.items.find((t: { email: string }) => t.email === a);
    expect(one.name).toBe('Csv One');
    expect((await call(h, 'GET', `/v1/trips?travelerId=${one.id}`, { key: member.key })).json.items).toHaveLength(2);
  });

  it('refuses a CSV without the header columns as a whole', async () => {
    const res = await call(h, 'POST', '/v1/trips/import', { key: member.key, body: 'who,where\nx,y', headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].message).toContain('email,name,country,city,from,to');
  });

  it('refuses another media type with 415', async () => {
    const res = await call(h, 'POST', '/v1/trips/import', { key: member.key, body: 'x', headers: { 'content-type': 'application/pdf' } });
    expect(res.status).toBe(415);
  });

  it('creates one trip per good calendar event and reports the bad events', async () => {
    const email = uniqueAddress('email');
    const compact = (d: string) => d.replaceAll('-', '');
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//Itinerary//EN',
      'BEGIN:VEVENT',
      'UID:1@test',
      `DTSTART;VALUE=DATE:${compact(day(0))}`,
      `DTEND;VALUE=DATE:${compact(day(3))}`,
      'SUMMARY:Nairobi',
      'LOCATION:Nairobi\\, Kenya',
      `ATTENDEE;CN=Cal Traveler:mailto:${email}`,
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:2@test',
      `DTSTART;VALUE=DATE:${compact(day(3))}`,
      `DTEND;VALUE=DATE:${compact(day(5))}`,
      'SUMMARY:Somewhere',
      'LOCATION:The moon',
      `ATTENDEE:mailto:${email}`,
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:3@test',
      `DTSTART;VALUE=DATE:${compact(day(5))}`,
      `DTEND;VALUE=DATE:${compact(day(7))}`,
      'SUMMARY:Kampala',
      'X-OUTPOST-COUNTRY:UG',
      `ATTENDEE:mailto:${email}`,
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:4@test',
      `DTSTART;VALUE=DATE:${compact(day(5))}`,
      'LOCATION:Arusha\\, Tanzania',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const res = await call(h, 'POST', '/v1/trips/import', { key: member.key, body: ics, headers: { 'content-type': 'text/calendar' } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ created: 2, travelers: 1 });
    expect(res.json.errors.map((e: { line: number }) => e.line)).toEqual([12, 28]);
    const travelers = await call(h, 'GET', '/v1/travelers?limit=200', { key: member.key });
    const cal = travelers.json.items.find((t: { email: string }) => t.email === email);
    expect(cal.name).toBe('Cal Traveler');
    const trips = (await call(h, 'GET', `/v1/trips?travelerId=${cal.id}`, { key: member.key })).json.items as { segments: { country: string; city?: string; from: string; to: string }[] }[];
    expect(trips.flatMap((t) => t.segments).sort((x, y) => x.from.localeCompare(y.from))).toEqual([
      { country: 'KE', city: 'Nairobi', from: day(0), to: day(2) },
      { country: 'UG', from: day(5), to: day(6) },
    ]);
  });

  it('refuses a body that is not a calendar at all', async () => {
    const res = await call(h, 'POST', '/v1/trips/import', { key: member.key, body: 'hello', headers: { 'content-type': 'text/calendar' } });
    expect(res.status).toBe(422);
  });
});

describe('exposure', () => {
  it('lists exactly the caller’s travelers whose segments overlap the alert’s countries and window', async () => {
    const fresh = await addPerson(h, 'member');
    const start = new Date(Date.parse(`${day(2)}T00:00:00Z`) + 6 * 3_600_000).toISOString();
    const end = new Date(Date.parse(`${day(4)}T00:00:00Z`) + 18 * 3_600_000).toISOString();
    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['KE', 'UG'], 'TLP:GREEN', { eventStart: start, eventEnd: end }) });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);

    const inside = await traveler(fresh.key, 'A Inside');
    await trip(fresh.key, inside, 'KE', 3, 3);
    const edge = await traveler(fresh.key, 'B Edge');
    await trip(fresh.key, edge, 'UG', 4, 9);
    const before = await traveler(fresh.key, 'C Before');
    await trip(fresh.key, before, 'KE', -3, 1);
    const after = await traveler(fresh.key, 'D After');
    await trip(fresh.key, after, 'KE', 5, 8);
    const elsewhere = await traveler(fresh.key, 'E Elsewhere');
    await trip(fresh.key, elsewhere, 'TZ', 2, 4);
    const theirs = await traveler(other.key, 'F Other Org');
    await trip(other.key, theirs, 'KE', 2, 4);

    const res = await call(h, 'GET', `/v1/publications/${id}/exposure`, { key: fresh.key });
    expect(res.status, res.text).toBe(200);
    expect(res.json.window).toEqual({ from: day(2), to: day(4) });
    expect(res.json.travelers.map((t: { travelerId: string }) => t.travelerId)).toEqual([inside, edge]);
    expect(res.json.count).toBe(2);
    expect(res.json.travelers[1].segments).toEqual([{ country: 'UG', from: day(4), to: day(9) }]);

    // The other organization sees only its own traveler.
    const theirsView = await call(h, 'GET', `/v1/publications/${id}/exposure`, { key: other.key });
    expect(theirsView.json.travelers.map((t: { travelerId: string }) => t.travelerId)).toEqual([theirs]);
    expect((await call(h, 'GET', `/v1/publications/${id}/exposure`)).status).toBe(401);
  });

  it('answers 404 for a publication the caller cannot see', async () => {
    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['KE'], 'TLP:AMBER', { recipients: [other.orgId] }) });
    const id = created.json.id as string;
    expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);
    expect((await call(h, 'GET', `/v1/publications/${id}/exposure`, { key: member.key })).status).toBe(404);
    expect((await call(h, 'GET', `/v1/publications/${id}/exposure`, { key: other.key })).status).toBe(200);
  });
});

describe('organization settings', () => {
  it('reads the defaults and changes them, naming a bad field', async () => {
    const fresh = await addPerson(h, 'member');
    const read = await call(h, 'GET', '/v1/organizations/me', { key: fresh.key });
    expect(read.json).toMatchObject({ travelerAlerts: { minLevel: 2, kinds: ['security-alert', 'travel-advisory'] }, tripRetentionDays: 30 });
    const changed = await call(h, 'PATCH', '/v1/organizations/me', { key: fresh.key, body: { travelerAlerts: { minLevel: 3 }, tripRetentionDays: 10 } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({ travelerAlerts: { minLevel: 3, kinds: ['security-alert', 'travel-advisory'] }, tripRetentionDays: 10 });
    const bad = await call(h, 'PATCH', '/v1/organizations/me', { key: fresh.key, body: { tripRetentionDays: 0 } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe('tripRetentionDays');
  });
});
