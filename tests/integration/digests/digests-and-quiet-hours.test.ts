import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app';
import { localSchedulerDeps } from '../../../functions/wiring/local';
import { localDevSchedules } from '../../../infra/local/dev-schedules';
import { schedulerHandler } from '../../../functions/scheduler/handler';
import { createMessageBus } from '../../../infra/local/message-bus';
import { busRequeue, registerWorkers, type LocalWorkerOptions } from '../../../infra/local/workers';
import type { Announcement } from '../../../shared/domain/announcement';
import type { DeliveryTiming } from '../../../shared/domain/delivery-timing';
import { isDigestDue, digestSlot } from '../../../shared/domain/digest';
import { shardOf } from '../../../shared/domain/fan-out';
import type { Subscription } from '../../../shared/domain/subscription';
import type { DeliveryStore } from '../../../shared/ports/delivery-store';
import { announcementOf, announceOnBus } from '../../support/announce';
import { addPerson, alertInput, call, makeHarness, type Harness } from '../../support/harness';

/**
 * Digests and quiet hours end to end on DynamoDB Local: the email and SMS
 * workers on the local bus, the `send-digests` and `release-held`
 * schedules run by the scheduler handler at chosen instants (as the dev
 * schedule route does), and the outbox as the inbox.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
});

const QUARTER_HOUR = 15 * 60_000;

/** The first digest slot after `after` at which subscribers of `frequency` in `timeZone` are due. */
function nextDue(frequency: 'daily' | 'weekly', timeZone: string, after = Date.now()): string {
  for (let t = Date.parse(digestSlot(new Date(after).toISOString())) + QUARTER_HOUR; t < after + 9 * 86_400_000; t += QUARTER_HOUR) {
    const slot = new Date(t).toISOString();
    if (isDigestDue(frequency, timeZone, slot)) return slot;
  }
  throw new Error(`no ${frequency} slot for ${timeZone}`);
}

let counter = 0;
async function subscribe(channel: 'email' | 'sms', countries: string[], timing: DeliveryTiming, id = h.deps.ids.next()): Promise<Subscription> {
  counter += 1;
  const sub: Subscription = {
    id,
    channel,
    status: 'active',
    createdAt: h.deps.clock.now(),
    filters: { countries, regions: [], kinds: [] },
    timing,
    address: channel === 'email' ? `digest${counter}-${id.slice(-6).toLowerCase()}@example.org` : `+1202555${String(2000 + counter).slice(-4)}`,
  };
  await h.deps.subscriptions.create(sub, []);
  return sub;
}

function busWith(options: LocalWorkerOptions = {}, backoffMs = 0) {
  const bus = createMessageBus({ backoff: () => backoffMs });
  registerWorkers(bus, h.deps, { sleep: async () => {}, ...options });
  return bus;
}

async function publish(input: Record<string, unknown>): Promise<{ announcement: Announcement; etag: string }> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: input });
  expect(created.status, created.text).toBe(201);
  const id = created.json.id as string;
  const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
  expect(published.status, published.text).toBe(200);
  return { announcement: announcementOf((await h.deps.publications.get(id))!.current!), etag: published.headers.get('etag')! };
}

async function amend(id: string, etag: string, summary: string): Promise<Announcement> {
  const patched = await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body: { summary, changeNote: summary, major: true }, headers: { 'if-match': etag } });
  expect(patched.status, patched.text).toBe(200);
  const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
  expect(published.status, published.text).toBe(200);
  return announcementOf((await h.deps.publications.get(id))!.current!);
}

const inbox = (address: string) => h.deps.outbox!.list().filter((r) => r.to === address);

function runSchedule(bus: ReturnType<typeof busWith>, task: 'send-digests' | 'release-held', at: string) {
  return schedulerHandler(localSchedulerDeps(h.deps, busRequeue(bus)))({ task, at });
}

/** HH:MM of an instant in UTC. */
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('digests', () => {
  it('sends a daily-digest subscriber no alert at once, then one digest with both items at their 08:00, and nothing on a second run', async () => {
    const bus = busWith();
    const daily = await subscribe('email', ['KE'], { frequency: 'daily', timeZone: 'Europe/London' });
    const immediate = await subscribe('email', ['KE'], { frequency: 'immediate', timeZone: 'UTC' });
    const first = await publish(alertInput(['KE'], 'TLP:CLEAR', { title: 'Nairobi march' }));
    const second = await publish(alertInput(['KE'], 'TLP:CLEAR', { title: 'Mombasa port strike' }));
    for (const a of [first.announcement, second.announcement]) await announceOnBus(bus, a);
    await bus.drain();
    expect(inbox(immediate.address!)).toHaveLength(2);
    expect(inbox(daily.address!)).toHaveLength(0);

    const at = nextDue('daily', 'Europe/London');
    const run = await runSchedule(bus, 'send-digests', at);
    expect(run.digests?.zones).toContainEqual(expect.objectContaining({ frequency: 'daily', timeZone: 'Europe/London' }));
    await bus.drain();
    const digests = inbox(daily.address!);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe('Outpost daily digest: 2 items');
    expect(digests[0]!.text).toContain('Nairobi march');
    expect(digests[0]!.text).toContain('Mombasa port strike');
    expect(digests[0]!.text).toContain('Kenya');
    expect(digests[0]!.headers?.['List-Unsubscribe']).toMatch(/unsubscribe/);

    // The same run again (a retry, the dev route twice), and the next day's run with nothing new: no more mail.
    await runSchedule(bus, 'send-digests', at);
    await runSchedule(bus, 'send-digests', new Date(Date.parse(at) + 86_400_000).toISOString());
    await bus.drain();
    expect(inbox(daily.address!)).toHaveLength(1);
  });

  it('gathers a week of items into a weekly digest on Monday at 08:00, and none on the days between', async () => {
    const bus = busWith();
    const weekly = await subscribe('email', ['GH'], { frequency: 'weekly', timeZone: 'Africa/Accra' });
    for (const title of ['Accra flooding', 'Kumasi curfew']) await announceOnBus(bus, (await publish(alertInput(['GH'], 'TLP:CLEAR', { title }))).announcement);
    await bus.drain();
    const monday = nextDue('weekly', 'Africa/Accra');
    for (let day = 6; day >= 1; day -= 1) {
      const before = new Date(Date.parse(monday) - day * 86_400_000).toISOString();
      if (before > new Date().toISOString()) await runSchedule(bus, 'send-digests', before);
    }
    await bus.drain();
    expect(inbox(weekly.address!)).toHaveLength(0);
    await runSchedule(bus, 'send-digests', monday);
    await bus.drain();
    const digests = inbox(weekly.address!);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe('Outpost weekly digest: 2 items');
    expect(digests[0]!.text).toContain('Accra flooding');
    expect(digests[0]!.text).toContain('Kumasi curfew');
  });

  it('lets the time zone decide who is due: Tokyo at its 08:00, New York not at that instant but at its own', async () => {
    const bus = busWith();
    const tokyo = await subscribe('email', ['JP'], { frequency: 'daily', timeZone: 'Asia/Tokyo' });
    const newYork = await subscribe('email', ['JP'], { frequency: 'daily', timeZone: 'America/New_York' });
    await announceOnBus(bus, (await publish(alertInput(['JP'], 'TLP:CLEAR', { title: 'Osaka typhoon' }))).announcement);
    await bus.drain();
    const tokyoMorning = nextDue('daily', 'Asia/Tokyo');
    await runSchedule(bus, 'send-digests', tokyoMorning);
    await bus.drain();
    expect(inbox(tokyo.address!)).toHaveLength(1);
    expect(inbox(newYork.address!)).toHaveLength(0);
    await runSchedule(bus, 'send-digests', nextDue('daily', 'America/New_York', Date.parse(tokyoMorning)));
    await bus.drain();
    expect(inbox(newYork.address!)).toHaveLength(1);
    expect(inbox(tokyo.address!)).toHaveLength(1);
  });

  it('sends no digest twice when the worker is killed after sending a batch and the run is repeated', { timeout: 30_000 }, async () => {
    const LEASE_SECONDS = 7;
    // Six subscribers of one shard: one part, one chunk, three batches of two.
    const ids: string[] = [];
    while (ids.length < 6) {
      const id = h.deps.ids.next();
      if (shardOf(id) === 3) ids.push(id);
    }
    const subs = [];
    for (const id of ids) subs.push(await subscribe('email', ['SN'], { frequency: 'daily', timeZone: 'Africa/Dakar' }, id));
    await publish(alertInput(['SN'], 'TLP:CLEAR', { title: 'Dakar protest' }));
    let kills = 1;
    const dying: DeliveryStore = Object.create(h.deps.deliveries) as DeliveryStore;
    // The worker dies after its first batch went out and before the outcome is written.
    dying.recordBatch = async (...args) => {
      if (kills > 0) {
        kills -= 1;
        throw new Error('killed');
      }
      return h.deps.deliveries.recordBatch(...args);
    };
    const bus = createMessageBus({ backoff: () => 500 });
    registerWorkers(bus, { ...h.deps, deliveries: dying }, { sleep: async () => {}, config: { email: { sendBatchSize: 2, leaseSeconds: LEASE_SECONDS } } });
    const at = nextDue('daily', 'Africa/Dakar');
    await runSchedule(bus, 'send-digests', at);
    await bus.drain();
    expect(subs.map((s) => inbox(s.address!).length).reduce((a, b) => a + b, 0)).toBe(2);
    // The dead worker's lease runs out; the run is repeated (the next quarter-hour's retry, or the dev route).
    await new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1000 + 500));
    await runSchedule(bus, 'send-digests', at);
    await bus.drain();
    const counts = subs.map((s) => inbox(s.address!).length);
    expect(kills).toBe(0);
    // The batch in flight at the kill is not sent again (email is at most once); everyone else gets exactly one.
    expect(counts.every((n) => n <= 1)).toBe(true);
    expect(counts.filter((n) => n === 1).length).toBe(6);
  });
});

describe('quiet hours', () => {
  it('holds a Moderate alert for an SMS subscriber in quiet hours until they end, and sends an Extreme one at once', async () => {
    const bus = busWith();
    const now = Date.now();
    const timing: DeliveryTiming = { frequency: 'immediate', timeZone: 'UTC', quietHours: { from: hhmm(now - 3_600_000), to: hhmm(now + 3_600_000) } };
    const sms = await subscribe('sms', ['PE'], timing);
    await announceOnBus(bus, (await publish(alertInput(['PE'], 'TLP:CLEAR', { title: 'Lima roadblocks', severity: 'Moderate', urgency: 'Expected' }))).announcement);
    await bus.drain();
    expect(inbox(sms.address!)).toHaveLength(0);

    await announceOnBus(bus, (await publish(alertInput(['PE'], 'TLP:CLEAR', { title: 'Cusco earthquake', severity: 'Extreme', urgency: 'Immediate' }))).announcement);
    await bus.drain();
    expect(inbox(sms.address!)).toHaveLength(1);
    expect(inbox(sms.address!)[0]!.text).toContain('Cusco earthquake');

    // Still quiet: nothing released.
    await runSchedule(bus, 'release-held', new Date(now + 30 * 60_000).toISOString());
    await bus.drain();
    expect(inbox(sms.address!)).toHaveLength(1);
    // The end of the quiet hours: the held alert goes out, once.
    const end = new Date(Math.ceil((now + 3_600_000) / 60_000) * 60_000).toISOString();
    await runSchedule(bus, 'release-held', end);
    await runSchedule(bus, 'release-held', end);
    await bus.drain();
    expect(inbox(sms.address!)).toHaveLength(2);
    expect(inbox(sms.address!).map((r) => r.text).join(' ')).toContain('Lima roadblocks');
  });

  it('delivers an item amended while held once, as the newer version', async () => {
    const bus = busWith();
    const now = Date.now();
    const timing: DeliveryTiming = { frequency: 'immediate', timeZone: 'UTC', quietHours: { from: hhmm(now - 3_600_000), to: hhmm(now + 3_600_000) } };
    const sms = await subscribe('sms', ['BO'], timing);
    const first = await publish(alertInput(['BO'], 'TLP:CLEAR', { title: 'La Paz blockade', severity: 'Moderate', urgency: 'Expected' }));
    await announceOnBus(bus, first.announcement);
    await bus.drain();
    const amended = await amend(first.announcement.publicationId, first.etag, 'Blockade extended to El Alto.');
    expect(amended.version).toBe(2);
    await announceOnBus(bus, amended);
    await bus.drain();
    expect(inbox(sms.address!)).toHaveLength(0);
    await runSchedule(bus, 'release-held', new Date(Math.ceil((now + 3_600_000) / 60_000) * 60_000).toISOString());
    await bus.drain();
    const texts = inbox(sms.address!);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).toContain('El Alto');
    const status = await call(h, 'GET', `/v1/publications/${first.announcement.publicationId}/deliveries`, { key: publisher.key });
    expect(status.json.versions.map((v: { channels: { sms: { held: number } } }) => v.channels.sms.held)).toEqual([1, 1]);
  });

  it('holds a subscriber in quiet hours but sends the same alert at once to an exposed traveler', async () => {
    const bus = busWith();
    const now = Date.now();
    const timing: DeliveryTiming = { frequency: 'immediate', timeZone: 'UTC', quietHours: { from: hhmm(now - 3_600_000), to: hhmm(now + 3_600_000) } };
    const sms = await subscribe('sms', ['EC'], timing);
    const member = await addPerson(h, 'member');
    const phone = `+1202555${String(7000 + (counter += 1)).slice(-4)}`;
    const created = await call(h, 'POST', '/v1/travelers', { key: member.key, body: { name: 'Quito traveler', email: `traveler${counter}@example.org`, phone } });
    expect(created.status, created.text).toBe(201);
    const today = new Date(now).toISOString().slice(0, 10);
    const trip = await call(h, 'POST', '/v1/trips', { key: member.key, body: { travelerId: created.json.id, segments: [{ country: 'EC', city: 'Quito', from: today, to: today }] } });
    expect(trip.status, trip.text).toBe(201);

    await announceOnBus(bus, (await publish(alertInput(['EC'], 'TLP:GREEN', { title: 'Quito ash fall', severity: 'Moderate', urgency: 'Expected' }))).announcement);
    await bus.drain();
    expect(inbox(sms.address!)).toHaveLength(0);
    // Duty of care: a traveler has no quiet hours, so nothing waits for them.
    expect(inbox(phone).map((r) => r.text).join(' ')).toContain('Quito ash fall');
  });
});

describe('the dev schedule routes', () => {
  it('list the schedules and run one at a chosen instant, sending the digests it queues', async () => {
    const bus = busWith();
    const { app } = createApp({ ...h.deps, schedules: localDevSchedules(schedulerHandler(localSchedulerDeps(h.deps, busRequeue(bus)))) });
    const send = async (method: string, path: string, body?: string) => {
      const res = await app.request(new Request(`http://outpost.test${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body }));
      return { status: res.status, json: (await res.json()) as Record<string, unknown> & { task?: string } };
    };
    const listed = await send('GET', '/v1/dev/schedules');
    expect(listed.status).toBe(200);
    expect((listed.json as unknown as { name: string }[]).map((s) => s.name)).toEqual(expect.arrayContaining(['send-digests', 'release-held', 'publish-scheduled']));
    expect((await send('POST', '/v1/dev/schedules/no-such-schedule/run')).status).toBe(404);
    expect((await send('POST', '/v1/dev/schedules/send-digests/run', '{"at":"tomorrow"}')).status).toBe(422);

    const daily = await subscribe('email', ['CV'], { frequency: 'daily', timeZone: 'Atlantic/Cape_Verde' });
    await publish(alertInput(['CV'], 'TLP:CLEAR', { title: 'Praia water cuts' }));
    const ran = await send('POST', '/v1/dev/schedules/send-digests/run', JSON.stringify({ at: nextDue('daily', 'Atlantic/Cape_Verde') }));
    expect(ran.status).toBe(200);
    expect(ran.json.task).toBe('send-digests');
    await bus.drain();
    expect(inbox(daily.address!).map((m) => m.subject)).toEqual(['Outpost daily digest: 1 item']);
  });
});
