import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED_TRAVELER_NAME } from '../../../shared/domain/safety-check';
import type { Logger } from '../../../shared/ports/logger';
import { LINK_PURPOSES } from '../../../shared/services/subscription-links';
import { addPerson, BASE_URL, call, makeHarness, type Harness } from '../../support/harness';
import { browse, formsIn, linksIn, pathOf } from '../../support/pages';
import { assertProperty } from '../../support/property';
import { postTrip } from '../../support/duty';
import { dumpTable } from '../../support/table-dump';
import { uniqueAddress } from '../../support/unique';

/**
 * The address-based personal-data export and erasure reach every record that
 * holds an address, not only subscriptions: traveler records of any
 * organization (with their trips and safety-check answers) and site contact
 * entries. Erasure removes the address everywhere, index items included,
 * loses nothing else, and is audited for each organization without the
 * address.
 */

let h: Harness;
let phoneSerial = 0;

const nextPhone = () => `+2547${String(21_000_000 + (phoneSerial += 1)).padStart(8, '0')}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const outboxTo = (to: string) => h.deps.outbox!.list().filter((m) => m.to === to);
let clientSerial = 0;
const newClient = () => `198.51.100.${(clientSerial += 1)}`;

/** Every log line of the file: no address may be in one. */
const lines: string[] = [];
const capture = (level: string): Logger[keyof Logger] => (message, fields) => void lines.push(JSON.stringify({ level, message, ...fields }));

beforeAll(async () => {
  h = await makeHarness({ logger: { info: capture('info'), warn: capture('warn'), error: capture('error') } });
});

afterAll(() => {
  expect(lines.length).toBeGreaterThan(20);
  const all = lines.join('\n');
  expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  expect(all).not.toMatch(/\+\d{8,15}/);
});

async function member() {
  const person = await addPerson(h, 'member');
  const admin = await addPerson(h, 'admin', person.org);
  const org = await h.deps.directory.getOrganization(person.orgId);
  return { ...person, adminKey: admin.key, name: org!.name };
}

async function traveler(key: string, body: Record<string, unknown>): Promise<string> {
  const res = await call(h, 'POST', '/v1/travelers', { key, body });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

async function site(key: string, name: string, contacts: Record<string, string>[]): Promise<string> {
  const res = await call(h, 'POST', '/v1/sites', { key, body: { name, lat: -1.285, lon: 36.82, country: 'KE', contacts } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

/** Asks for the address's personal-data link and returns the API paths its token opens. */
async function personalDataPaths(address: string): Promise<{ exportPath: string; erasePath: string }> {
  expect((await call(h, 'POST', '/v1/personal-data/requests', { body: { address }, client: newClient() })).status).toBe(202);
  const message = outboxTo(address).find((m) => m.text.includes('/personal-data?token='));
  expect(message, 'a personal-data link sent to the address').toBeDefined();
  const token = /\/personal-data\?token=([A-Za-z0-9_.%-]+)/.exec(message!.text)![1]!;
  return { exportPath: `/v1/personal-data/export?token=${token}`, erasePath: `/v1/personal-data/erase?token=${token}` };
}

/** Every item of the table that names the address or is keyed by its hash. */
async function itemsHolding(address: string): Promise<Record<string, unknown>[]> {
  const hash = sha256(address);
  return (await dumpTable(h)).filter((item) => JSON.stringify(item).includes(address) || JSON.stringify(item).includes(hash));
}

describe('address-based personal data across duty of care and sites', () => {
  it('exports every traveler record, trip, safety-check answer and site contact of an address, naming organizations by display name only', async () => {
    const address = uniqueAddress('held');
    const [org1, org2] = [await member(), await member()];
    const only = await traveler(org1.key, { name: 'Only Email', email: address });
    const tripIds = [await postTrip(h, org1.key, only, [{ country: 'KE', from: -1, to: 2 }]), await postTrip(h, org1.key, only, [{ country: 'UG', from: 5, to: 6 }, { country: 'RW', from: 7, to: 8 }])];
    const check = await call(h, 'POST', '/v1/safety-checks', { key: org1.key, body: { countries: ['KE'], message: 'Are you safe?', channels: ['email'] } });
    expect(check.status, check.text).toBe(201);
    const phone = nextPhone();
    const both = await traveler(org2.key, { name: 'Both Addresses', email: address, phone });
    const siteId = await site(org2.key, 'Nairobi office', [{ email: address, phone: nextPhone() }, { email: uniqueAddress('desk') }]);
    expect((await call(h, 'PATCH', '/v1/organizations/me', { key: org2.key, body: { securityContacts: [address] } })).status).toBe(200);

    const { exportPath } = await personalDataPaths(address);
    const exported = await call(h, 'GET', exportPath);
    expect(exported.status, exported.text).toBe(200);
    expect(exported.json.address).toBe(address);
    expect(exported.json.subscriptions).toEqual([]);
    const byId = new Map((exported.json.travelers as { id: string }[]).map((t) => [t.id, t]));
    expect([...byId.keys()].sort()).toEqual([only, both].sort());
    expect(byId.get(only)).toMatchObject({ organization: org1.name, name: 'Only Email', email: address, phone: null });
    expect((byId.get(only) as unknown as { trips: { id: string }[] }).trips.map((t) => t.id).sort()).toEqual(tripIds.sort());
    expect((byId.get(only) as unknown as { safetyChecks: unknown[] }).safetyChecks).toEqual([expect.objectContaining({ checkId: check.json.id, status: 'no-response' })]);
    expect(byId.get(both)).toMatchObject({ organization: org2.name, phone, trips: [], safetyChecks: [] });
    expect(exported.json.siteContacts).toEqual([{ organization: org2.name, site: { id: siteId, name: 'Nairobi office', country: 'KE' }, contact: { email: address, phone: expect.any(String) } }]);
    expect(exported.json.securityContacts).toEqual([{ organization: org2.name }]);
    // Organizations appear by name only: no organization id, no person id of theirs.
    for (const id of [org1.orgId, org2.orgId, org1.personId, org2.personId]) expect(exported.text).not.toContain(id);
  });

  it('sends a link to an address held only by a traveler record or only by a site contact, and to no unknown address', async () => {
    const org = await member();
    const travelerPhone = nextPhone();
    await traveler(org.key, { name: 'Phone Only', phone: travelerPhone });
    const contact = uniqueAddress('contact');
    await site(org.key, 'Depot', [{ email: contact }]);
    const unknown = uniqueAddress('unknown');
    for (const address of [travelerPhone, contact, unknown]) expect((await call(h, 'POST', '/v1/personal-data/requests', { body: { address }, client: newClient() })).status).toBe(202);
    expect(outboxTo(travelerPhone).filter((m) => m.text.includes('/personal-data?token='))).toHaveLength(1);
    expect(outboxTo(contact).filter((m) => m.text.includes('/personal-data?token='))).toHaveLength(1);
    expect(outboxTo(unknown)).toHaveLength(0);
    // The link names a request, never the address or its hash.
    const link = outboxTo(contact)[0]!.text;
    const token = decodeURIComponent(/token=([^\s]+)/.exec(link)![1]!);
    const payload = Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8');
    expect(payload).not.toContain(contact);
    expect(payload).not.toContain(sha256(contact));
  });

  it('erases the address everywhere, with index items, keeping other addresses and the safety-check counts, audited per organization without the address', async () => {
    const address = uniqueAddress('erase');
    const [org1, org2] = [await member(), await member()];
    const only = await traveler(org1.key, { name: 'Gone Traveler', email: address });
    await postTrip(h, org1.key, only, [{ country: 'KE', from: -1, to: 2 }, { country: 'TZ', from: 3, to: 4 }]);
    const colleagueEmail = uniqueAddress('colleague');
    const colleague = await traveler(org1.key, { name: 'Colleague', email: colleagueEmail });
    await postTrip(h, org1.key, colleague, [{ country: 'KE', from: -1, to: 2 }]);
    const check = await call(h, 'POST', '/v1/safety-checks', { key: org1.key, body: { countries: ['KE'], message: 'Are you safe?', channels: ['email'] } });
    expect(check.status, check.text).toBe(201);
    const token = /\/r\/([0-9a-z]{16})/.exec(outboxTo(address).at(-1)!.text)![1]!;
    const tapped = await h.app.request(new Request(`${BASE_URL}/r/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL }, body: 'answer=safe' }));
    expect(tapped.status).toBe(200);
    const before = await call(h, 'GET', `/v1/safety-checks/${check.json.id}`, { key: org1.key });
    expect(before.json.counts).toEqual({ safe: 1, needHelp: 0, noResponse: 1 });

    const phone = nextPhone();
    const both = await traveler(org2.key, { name: 'Keeps Phone', email: address, phone });
    const keptTrip = await postTrip(h, org2.key, both, [{ country: 'UG', from: 1, to: 3 }]);
    const otherDesk = uniqueAddress('desk');
    const contactPhone = nextPhone();
    const site1 = await site(org1.key, 'Office', [{ email: address }, { email: otherDesk }]);
    const site2 = await site(org2.key, 'Plant', [{ email: address, phone: contactPhone }]);
    const subscribed = await call(h, 'POST', '/v1/subscriptions', { key: org2.key, body: { channel: 'email', address, countries: ['KE'] } });
    expect(subscribed.status, subscribed.text).toBe(201);
    const otherContact = uniqueAddress('security');
    expect((await call(h, 'PATCH', '/v1/organizations/me', { key: org1.key, body: { securityContacts: [otherContact, address] } })).status).toBe(200);

    const { exportPath, erasePath } = await personalDataPaths(address);
    const erased = await call(h, 'POST', erasePath);
    expect(erased.status, erased.text).toBe(200);
    expect(erased.json).toEqual({ erased: 6, subscriptions: 1, travelers: { deleted: 1, updated: 1 }, safetyCheckAnswers: 1, siteContacts: 2, securityContacts: 1 });

    // Nothing in the table names the address or is keyed by its hash: records, address items, requests.
    expect(await itemsHolding(address)).toEqual([]);
    // The traveler whose only address it was is gone with its trips and their match-index items.
    const items = await dumpTable(h);
    expect(items.filter((i) => JSON.stringify(i).includes(only) && i.type !== 'audit' && i.type !== 'safety-response')).toEqual([]);
    expect((await call(h, 'GET', `/v1/travelers/${only}`, { key: org1.key })).status).toBe(404);
    // Its answer still counts, without its name or link.
    const after = await call(h, 'GET', `/v1/safety-checks/${check.json.id}`, { key: org1.key });
    expect(after.json.counts).toEqual(before.json.counts);
    expect(after.json.travelers.find((t: { travelerId: string }) => t.travelerId === only)).toMatchObject({ name: ERASED_TRAVELER_NAME, status: 'safe' });
    expect(after.json.travelers.find((t: { travelerId: string }) => t.travelerId === colleague)).toMatchObject({ name: 'Colleague', status: 'no-response' });
    expect((await h.app.request(new Request(`${BASE_URL}/r/${token}`))).status).toBe(400);
    // The traveler with another address keeps it, and its trip.
    expect((await call(h, 'GET', `/v1/travelers/${both}`, { key: org2.key })).json).toMatchObject({ email: null, phone, channels: ['sms'] });
    expect((await call(h, 'GET', `/v1/trips?travelerId=${both}`, { key: org2.key })).json.items.map((t: { id: string }) => t.id)).toEqual([keptTrip]);
    expect(items.filter((i) => i.type === 'traveler-address' && i.travelerId === both)).toHaveLength(1);
    // Site contact entries lose the address; one with another address keeps it.
    const sitesOf = async (key: string) => (await call(h, 'GET', '/v1/sites', { key })).json.items as { id: string; contacts: unknown[] }[];
    expect((await sitesOf(org1.key)).find((s) => s.id === site1)!.contacts).toEqual([{ email: otherDesk }]);
    expect((await sitesOf(org2.key)).find((s) => s.id === site2)!.contacts).toEqual([{ phone: contactPhone }]);
    expect(items.filter((i) => i.type === 'site-contact-address' && i.siteId === site1)).toHaveLength(1);
    // The organization's other security contact stays.
    expect((await call(h, 'GET', '/v1/organizations/me', { key: org1.key })).json.securityContacts).toEqual([otherContact]);

    // Each organization sees what changed in its own trail, and no trail holds the address.
    const trail = async (key: string) => (await call(h, 'GET', '/v1/audit?limit=100', { key })).json.items as { action: string; target: { id: string } }[];
    const trail1 = await trail(org1.adminKey);
    const trail2 = await trail(org2.adminKey);
    expect(trail1.filter((e) => e.action === 'traveler.erased').map((e) => e.target.id)).toEqual([only]);
    expect(trail1.filter((e) => e.action === 'site.contacts-erased').map((e) => e.target.id)).toEqual([site1]);
    expect(trail1.filter((e) => e.action === 'organization.security-contact-erased').map((e) => e.target.id)).toEqual([org1.orgId]);
    expect(trail2.filter((e) => e.action === 'traveler.address-erased').map((e) => e.target.id)).toEqual([both]);
    expect(trail2.filter((e) => e.action === 'site.contacts-erased').map((e) => e.target.id)).toEqual([site2]);
    expect(trail2.filter((e) => e.action === 'subscription.erased').map((e) => e.target.id)).toEqual([subscribed.json.id]);
    expect(JSON.stringify(trail1)).not.toContain(address);
    expect(JSON.stringify(trail2)).not.toContain(address);
    expect(JSON.stringify(trail2)).not.toContain(phone.slice(1));

    // The link has done its work: a second erase changes nothing, the export finds nothing.
    expect((await call(h, 'POST', erasePath)).json).toMatchObject({ erased: 0 });
    expect((await call(h, 'GET', exportPath)).status).toBe(404);
  });

  it('shows traveler records and site contacts on the link’s page, and its erase button says what it removed', async () => {
    const org = await member();
    const address = uniqueAddress('page');
    const travelerId = await traveler(org.key, { name: 'Page Traveler', email: address });
    await postTrip(h, org.key, travelerId, [{ country: 'KE', from: 2, to: 4 }]);
    await site(org.key, 'Page Office', [{ email: address }]);
    expect((await call(h, 'POST', '/v1/personal-data/requests', { body: { address }, client: newClient() })).status).toBe(202);
    const link = linksIn(outboxTo(address).at(-1)!.text).find((l) => l.includes('/personal-data?token='))!;
    const page = await browse(h, 'GET', pathOf(link));
    expect(page.status).toBe(200);
    const forms = formsIn(page.text);
    const shown = await browse(h, 'POST', '/personal-data/export', { form: forms.find((f) => f.action === '/personal-data/export')!.fields });
    expect(shown.status).toBe(200);
    for (const text of [`Kept by ${org.name}`, 'Page Traveler', '1 trip', 'Page Office (KE)', '1 site contact entry']) expect(shown.text).toContain(text);
    expect(shown.text).not.toContain(org.orgId);
    const erase = formsIn(shown.text).find((f) => f.action === '/personal-data/erase')!;
    const done = await browse(h, 'POST', erase.action, { form: erase.fields });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Deleted 1 traveler record with their trips; removed it from 1 site contact entry.');
  });

  it('still opens a link issued before links named requests (anchored on a subscription)', async () => {
    const org = await member();
    const address = uniqueAddress('legacy');
    const subscribed = await call(h, 'POST', '/v1/subscriptions', { key: org.key, body: { channel: 'email', address, countries: ['KE'] } });
    const travelerId = await traveler(org.key, { name: 'Legacy', email: address });
    const token = h.deps.links.sign(LINK_PURPOSES.personalData, subscribed.json.id as string, new Date(Date.now() + 3_600_000).toISOString());
    const exported = await call(h, 'GET', `/v1/personal-data/export?token=${token}`);
    expect(exported.json.travelers.map((t: { id: string }) => t.id)).toEqual([travelerId]);
    expect((await call(h, 'POST', `/v1/personal-data/erase?token=${token}`)).json).toMatchObject({ subscriptions: 1, travelers: { deleted: 1, updated: 0 } });
    expect(await itemsHolding(address)).toEqual([]);
  });

  it('leaves no trace of an address and changes nothing else, whatever mix of records holds it (generated)', async () => {
    const shape = fc.record({
      subscriptions: fc.integer({ min: 0, max: 2 }),
      onlyAddress: fc.integer({ min: 0, max: 2 }),
      withPhone: fc.integer({ min: 0, max: 2 }),
      contacts: fc.array(fc.constantFrom('alone', 'with-phone', 'beside-other'), { maxLength: 3 }),
    });
    await assertProperty(
      fc.asyncProperty(shape, async (s) => {
        // What was there before this run: none of it may change (rate counters, the trail and shard markers move on their own).
        const moving = (i: Record<string, unknown>) => i.type === 'audit' || String(i.pk).startsWith('RATE#') || String(i.pk).startsWith('SUBSHARDS#');
        const before = (await dumpTable(h)).filter((i) => !moving(i));
        const org = await member();
        const address = uniqueAddress('generated');
        const bystander = await traveler(org.key, { name: 'Bystander', email: uniqueAddress('bystander') });
        await postTrip(h, org.key, bystander, [{ country: 'KE', from: 0, to: 1 }]);
        for (let i = 0; i < s.subscriptions; i++) await call(h, 'POST', '/v1/subscriptions', { key: org.key, body: { channel: 'email', address, countries: [['KE', 'UG'][i]!] } });
        for (let i = 0; i < s.onlyAddress; i++) await postTrip(h, org.key, await traveler(org.key, { name: `Only ${i}`, email: address }), [{ country: 'KE', from: 0, to: 1 }]);
        for (let i = 0; i < s.withPhone; i++) await traveler(org.key, { name: `Phone ${i}`, email: address, phone: nextPhone() });
        const contacts = s.contacts.map((kind) => (kind === 'alone' ? [{ email: address }] : kind === 'with-phone' ? [{ email: address, phone: nextPhone() }] : [{ email: address }, { email: uniqueAddress('desk') }]));
        for (const [i, list] of contacts.entries()) await site(org.key, `Site ${i}`, list);
        if (s.subscriptions + s.onlyAddress + s.withPhone + contacts.length === 0) await traveler(org.key, { name: 'Someone', email: address });

        const { erasePath } = await personalDataPaths(address);
        expect((await call(h, 'POST', erasePath)).status).toBe(200);

        const now = await dumpTable(h);
        expect(await itemsHolding(address)).toEqual([]);
        const keys = new Set(before.map((i) => `${String(i.pk)}|${String(i.sk)}`));
        expect(now.filter((i) => keys.has(`${String(i.pk)}|${String(i.sk)}`))).toEqual(before);
        // The bystander and its trip are untouched; kept travelers and contacts still have their other address.
        expect((await call(h, 'GET', `/v1/travelers/${bystander}`, { key: org.key })).status).toBe(200);
        const travelers = (await call(h, 'GET', '/v1/travelers?limit=200', { key: org.key })).json.items as { name: string; phone: string | null }[];
        expect(travelers.filter((t) => t.name.startsWith('Phone ')).every((t) => t.phone !== null)).toBe(true);
        expect(travelers.filter((t) => t.name.startsWith('Phone '))).toHaveLength(s.withPhone);
        expect(travelers.filter((t) => t.name.startsWith('Only '))).toHaveLength(0);
        const sites = (await call(h, 'GET', '/v1/sites', { key: org.key })).json.items as { contacts: unknown[] }[];
        expect(sites.map((x) => x.contacts.length).sort()).toEqual(contacts.map((list) => (list.length === 2 || 'phone' in list[0]! ? 1 : 0)).sort());
      }),
      { numRuns: 6 },
    );
  });
});
