import { beforeAll, describe, expect, it } from 'vitest';
import { schedulerHandler } from '../../../functions/scheduler/handler';
import { localSchedulerDeps } from '../../../functions/wiring/local';
import { addPerson, alertInput, BASE_URL, call, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';

/**
 * Safety checks through the API: every exposed traveler is asked once, an
 * SMS reply and a one-tap answer are both counted, "need help" reaches the
 * security contacts at once, and reminders go only to those who have not
 * answered.
 */

let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let phoneSerial = 0;

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const nextPhone = () => `+2547${String(13_000_000 + (phoneSerial += 1)).padStart(8, '0')}`;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
});

const outboxTo = (to: string) => h.deps.outbox!.list().filter((m) => m.to === to);

interface Person {
  id: string;
  email: string;
  phone: string;
}

async function exposedTraveler(key: string, name: string, country: string): Promise<Person> {
  const email = uniqueAddress('traveler');
  const phone = nextPhone();
  const res = await call(h, 'POST', '/v1/travelers', { key, body: { name, email, phone } });
  expect(res.status, res.text).toBe(201);
  const trip = await call(h, 'POST', '/v1/trips', { key, body: { travelerId: res.json.id, segments: [{ country, from: day(-1), to: day(2) }] } });
  expect(trip.status, trip.text).toBe(201);
  return { id: res.json.id as string, email, phone };
}

async function publishedAlert(country: string): Promise<string> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput([country], 'TLP:GREEN') });
  const id = created.json.id as string;
  expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);
  return id;
}

function responseToken(text: string): string {
  const match = new RegExp(`${BASE_URL.replace(/[.]/g, '\\.')}/r/([0-9a-z]{16})`).exec(text);
  expect(match, 'a response link in the message').not.toBeNull();
  return match![1]!;
}

async function tap(token: string, answer: 'safe' | 'need-help') {
  const res = await h.app.request(new Request(`${BASE_URL}/r/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL }, body: `answer=${answer}` }));
  expect(res.status, await res.clone().text()).toBe(200);
  return res.text();
}

const remindAt = (minutesAhead: number) =>
  schedulerHandler(localSchedulerDeps({ ...h.deps, clock: { now: () => new Date(Date.now() + minutesAhead * 60_000).toISOString() } }))({ task: 'remind-safety-checks' });

describe('safety checks', () => {
  it('asks every exposed traveler once, by email and SMS, and nobody else', async () => {
    const member = await addPerson(h, 'member');
    const alert = await publishedAlert('KE');
    const asked = [await exposedTraveler(member.key, 'Ama', 'KE'), await exposedTraveler(member.key, 'Ben', 'KE'), await exposedTraveler(member.key, 'Cy', 'KE')];
    const elsewhere = await exposedTraveler(member.key, 'Dee', 'TZ');
    const res = await call(h, 'POST', '/v1/safety-checks', { key: member.key, body: { publicationId: alert, message: 'Protests in Nairobi. Are you safe?' } });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ sent: 3, pending: 0, travelers: 3 });
    // A scheduler run at the same time sends nothing twice.
    await remindAt(0);
    for (const person of asked) {
      const messages = [...outboxTo(person.email), ...outboxTo(person.phone)];
      expect(messages.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
      expect(messages.every((m) => m.text.includes('Protests in Nairobi'))).toBe(true);
      expect(outboxTo(person.phone)[0]!.text).toMatch(/Reply SAFE or HELP/);
    }
    expect([...outboxTo(elsewhere.email), ...outboxTo(elsewhere.phone)]).toEqual([]);
    const check = await call(h, 'GET', `/v1/safety-checks/${res.json.id}`, { key: member.key });
    expect(check.json.counts).toEqual({ safe: 0, needHelp: 0, noResponse: 3 });
    expect((await call(h, 'GET', `/v1/safety-checks/${res.json.id}`, { key: publisher.key })).status).toBe(404);
  });

  it('counts a SAFE reply by SMS and a "need help" tap, and tells the security contacts at once', async () => {
    const member = await addPerson(h, 'member');
    const contact = uniqueAddress('security');
    expect((await call(h, 'PATCH', '/v1/organizations/me', { key: member.key, body: { securityContacts: [contact] } })).status).toBe(200);
    const [sms, link, silent] = [await exposedTraveler(member.key, 'Sms Replier', 'UG'), await exposedTraveler(member.key, 'Link Tapper', 'UG'), await exposedTraveler(member.key, 'Silent', 'UG')];
    const res = await call(h, 'POST', '/v1/safety-checks', { key: member.key, body: { countries: ['UG'], message: 'Flooding in Kampala.' } });
    expect(res.json.sent).toBe(3);

    const reply = await call(h, 'POST', '/v1/inbound/sms', { body: { from: sms.phone, text: ' safe, thanks' } });
    expect(reply.json).toEqual({ keyword: 'safe', answered: 1 });
    const unknown = await call(h, 'POST', '/v1/inbound/sms', { body: { from: '+254700000999', text: 'SAFE' } });
    expect(unknown.json).toEqual({ keyword: 'safe', answered: 0 });

    const token = responseToken(outboxTo(link.email)[0]!.text);
    const page = await h.app.request(new Request(`${BASE_URL}/r/${token}`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Flooding in Kampala.');
    expect(await tap(token, 'need-help')).toContain('security contacts have been told');

    const check = await call(h, 'GET', `/v1/safety-checks/${res.json.id}`, { key: member.key });
    expect(check.json.counts).toEqual({ safe: 1, needHelp: 1, noResponse: 1 });
    const byId = new Map((check.json.travelers as { travelerId: string; status: string; channel?: string }[]).map((t) => [t.travelerId, t]));
    expect(byId.get(sms.id)).toMatchObject({ status: 'safe', channel: 'sms' });
    expect(byId.get(link.id)).toMatchObject({ status: 'need-help', channel: 'link' });
    expect(byId.get(silent.id)).toMatchObject({ status: 'no-response' });

    const told = outboxTo(contact);
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toContain('Link Tapper');
    // Tapping again changes nothing and tells no one twice.
    await tap(token, 'need-help');
    expect(outboxTo(contact)).toHaveLength(1);
  });

  it('refuses a bad answer link with a 400 page and changes nothing on GET', async () => {
    const res = await h.app.request(new Request(`${BASE_URL}/r/0000000000000000`));
    expect(res.status).toBe(400);
  });

  it('reminds only the travelers who have not answered, once a round, at most the rounds asked', async () => {
    const member = await addPerson(h, 'member');
    const [answers, silent] = [await exposedTraveler(member.key, 'Answers', 'RW'), await exposedTraveler(member.key, 'Stays Silent', 'RW')];
    const res = await call(h, 'POST', '/v1/safety-checks', { key: member.key, body: { countries: ['RW'], message: 'Road closures.', channels: ['email'], reminders: { everyMinutes: 30, max: 2 } } });
    expect(res.status, res.text).toBe(201);
    await tap(responseToken(outboxTo(answers.email)[0]!.text), 'safe');

    await remindAt(10);
    expect(outboxTo(silent.email)).toHaveLength(1);
    await remindAt(31);
    await remindAt(32);
    expect(outboxTo(silent.email)).toHaveLength(2);
    expect(outboxTo(silent.email)[0]!.subject).toMatch(/^Reminder/);
    await remindAt(61);
    await remindAt(200);
    expect(outboxTo(silent.email)).toHaveLength(3);
    expect(outboxTo(answers.email)).toHaveLength(1);
    expect(outboxTo(silent.phone)).toEqual([]);
    const check = await call(h, 'GET', `/v1/safety-checks/${res.json.id}`, { key: member.key });
    expect(check.json.reminders).toMatchObject({ sent: 2, next: null });
  });

  it('names the field when neither a publication nor countries is given', async () => {
    const member = await addPerson(h, 'member');
    const res = await call(h, 'POST', '/v1/safety-checks', { key: member.key, body: { message: 'Hello?' } });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe('publicationId');
  });
});
