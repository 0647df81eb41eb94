import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../../infra/local/runtime';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import { addPerson, alertInput, BASE_URL, call, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';

/**
 * Traveler alerts on the real local runtime (stream poller, announce, bus,
 * the planned fan-out): travelers exposed to an alert receive it without a
 * subscription, AMBER reaches only the named organizations' travelers, and
 * a traveler who also subscribed gets one message.
 */

const lines: string[] = [];
const FEW_SECONDS = 8_000;
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
let phoneSerial = 0;
const nextPhone = () => `+2547${String(14_000_000 + (phoneSerial += 1)).padStart(8, '0')}`;

let h: Harness;
let runtime: LocalRuntime;
let publisher: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness({ logger: jsonLogger({ service: 'duty' }, (line) => lines.push(line)) });
  publisher = await addPerson(h, 'publisher');
  runtime = await startLocalRuntime({ deps: h.deps, endpoint: h.endpoint, tableName: h.tableName });
});

afterAll(async () => {
  await runtime?.stop();
});

const outboxTo = (to: string) => h.deps.outbox!.list().filter((m) => m.to === to);
const alertsAbout = (to: string, id: string) => outboxTo(to).filter((m) => m.text.includes(`${BASE_URL}/publications/${id}`));

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = FEW_SECONDS): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every channel's fan-out of the newest version is done (GET /v1/publications/{id}/deliveries). */
async function fannedOut(id: string): Promise<boolean> {
  const res = await call(h, 'GET', `/v1/publications/${id}/deliveries`, { key: publisher.key });
  const newest = res.json?.versions?.[0] as { channels: Record<string, { state: string }> } | undefined;
  return newest !== undefined && Object.values(newest.channels).every((c) => c.state === 'done' || c.state === 'none');
}

async function traveler(key: string, name: string, country: string, extra: { email?: string; phone?: string } = {}) {
  const email = extra.email ?? uniqueAddress('traveler');
  const phone = extra.phone ?? nextPhone();
  const res = await call(h, 'POST', '/v1/travelers', { key, body: { name, email, phone } });
  expect(res.status, res.text).toBe(201);
  const trip = await call(h, 'POST', '/v1/trips', { key, body: { travelerId: res.json.id, segments: [{ country, city: 'Capital', from: day(0), to: day(3) }] } });
  expect(trip.status, trip.text).toBe(201);
  return { id: res.json.id as string, email, phone };
}

async function publish(body: Record<string, unknown>): Promise<string> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body });
  expect(created.status, created.text).toBe(201);
  const id = created.json.id as string;
  expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);
  return id;
}

describe('traveler alerts', () => {
  it('sends a Kenya alert to a traveler with a Kenya trip and no subscription, by email and SMS, once, with the stop link', { timeout: 60_000 }, async () => {
    const member = await addPerson(h, 'member');
    const kenya = await traveler(member.key, 'Wanjiru', 'KE');
    const away = await traveler(member.key, 'Stays Home', 'FR');
    const id = await publish(alertInput(['KE'], 'TLP:GREEN', { title: 'Kenya unrest' }));
    await waitFor('the traveler’s email and SMS', () => alertsAbout(kenya.email, id).length === 1 && alertsAbout(kenya.phone, id).length === 1);
    await waitFor('the fan-out to finish', () => fannedOut(id));
    const [email] = alertsAbout(kenya.email, id);
    expect(email!.text).toContain('registered a trip of yours');
    const stop = /\/t\/([0-9a-z]{10})/.exec(email!.text);
    expect(stop).not.toBeNull();
    expect(alertsAbout(kenya.email, id)).toHaveLength(1);
    expect(alertsAbout(away.email, id)).toEqual([]);
    expect(lines.join('\n')).not.toContain(kenya.email);
    expect(lines.join('\n')).not.toContain(kenya.phone);

    // The stop link's page stops automatic alerts; the next alert does not reach the traveler.
    const stopped = await h.app.request(new Request(`${BASE_URL}/t/${stop![1]}`, { method: 'POST' }));
    expect(stopped.status).toBe(200);
    const next = await publish(alertInput(['KE'], 'TLP:GREEN', { title: 'Kenya unrest, day two' }));
    await waitFor('the second fan-out', () => fannedOut(next));
    expect(alertsAbout(kenya.email, next)).toEqual([]);
  });

  it('sends an AMBER alert to the named organization’s travelers only', { timeout: 60_000 }, async () => {
    const named = await addPerson(h, 'member');
    const notNamed = await addPerson(h, 'member');
    const insider = await traveler(named.key, 'Named Org Traveler', 'ET');
    const outsider = await traveler(notNamed.key, 'Other Org Traveler', 'ET');
    const id = await publish(alertInput(['ET'], 'TLP:AMBER', { title: 'Restricted Ethiopia alert', recipients: [named.orgId] }));
    await waitFor('the named organization’s traveler', () => alertsAbout(insider.email, id).length === 1);
    await waitFor('the fan-out to finish', () => fannedOut(id));
    expect(alertsAbout(outsider.email, id)).toEqual([]);
    expect(alertsAbout(outsider.phone, id)).toEqual([]);
    expect(h.deps.outbox!.list().filter((m) => m.text.includes('Restricted Ethiopia alert')).map((m) => m.to).sort()).toEqual([insider.email, insider.phone].sort());
  });

  it('sends one message, not two, to a traveler who also subscribed the same address', { timeout: 60_000 }, async () => {
    const member = await addPerson(h, 'member');
    const email = uniqueAddress('both');
    const subscribed = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'email', address: email, countries: ['TZ'] } });
    expect(subscribed.status, subscribed.text).toBe(201);
    const confirmation = outboxTo(email)[0]!.text;
    const token = /token=([^\s&>]+)/.exec(confirmation)![1]!;
    expect((await call(h, 'POST', `/v1/subscriptions/confirm?token=${token}`)).json).toMatchObject({ status: 'active' });
    await traveler(member.key, 'Both Ways', 'TZ', { email });
    const id = await publish(alertInput(['TZ'], 'TLP:GREEN', { title: 'Tanzania alert' }));
    await waitFor('the alert', () => alertsAbout(email, id).length >= 1);
    await waitFor('the fan-out to finish', () => fannedOut(id));
    expect(alertsAbout(email, id)).toHaveLength(1);
  });

  it('does not alert the travelers of an organization that turned traveler alerts off', { timeout: 60_000 }, async () => {
    const member = await addPerson(h, 'member');
    expect((await call(h, 'PATCH', '/v1/organizations/me', { key: member.key, body: { travelerAlerts: { kinds: [] } } })).status).toBe(200);
    const quiet = await traveler(member.key, 'Quiet', 'UG');
    const control = await traveler((await addPerson(h, 'member')).key, 'Control', 'UG');
    const id = await publish(alertInput(['UG'], 'TLP:GREEN', { title: 'Uganda alert' }));
    await waitFor('the control traveler', () => alertsAbout(control.email, id).length === 1);
    await waitFor('the fan-out to finish', () => fannedOut(id));
    expect(alertsAbout(quiet.email, id)).toEqual([]);
  });
});
