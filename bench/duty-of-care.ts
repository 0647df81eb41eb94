/**
 * Duty of care at scale, local mode: 50,000 trips of 5,000 travelers across
 * 200 organizations in the table (each trip with its match-index items,
 * bulk-written with the trip store's own item builders), plus 5,000 email
 * subscriptions to Kenya.
 *
 * - Exposure: the time of one organization's exposure to a Kenya alert
 *   (`exposedTravelers`, what GET /v1/publications/{id}/exposure runs),
 *   for every organization, several rounds; p50/p95/p99.
 * - Fan-out: a CLEAR Kenya alert on the real local runtime (stream → announce
 *   → bus → email workers), first with the trip index hidden from the
 *   workers (subscriptions only), then with it (subscriptions and exposed
 *   travelers); the time from publishing to the last send, and the extra
 *   time traveler matching adds. The two runs alternate (15 rounds by
 *   default, after 2 warm-up rounds that are not counted) and their medians
 *   are compared; every DynamoDB request of each run is counted by command,
 *   so what traveler matching costs shows even when the machine's noise
 *   hides it in the times. Traveler matching costs about the same whatever
 *   the number of subscribers, so its share depends on the fan-out's size:
 *   the runs are made with 5,000 and then 10,000 Kenya subscriptions (the
 *   reference fan-out of bench/fan-out.ts).
 *
 * `npx tsx bench/duty-of-care.ts` prints the Markdown section and writes it
 * into bench/results.md. A few minutes, most of it seeding.
 */
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localApiDeps, type LocalApiDeps } from '../functions/wiring/local';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { batchPut } from '../shared/adapters/dynamodb/batch-items';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { travelerItems } from '../shared/adapters/dynamodb/traveler-repository';
import { tripShardItems } from '../shared/adapters/dynamodb/trip-marks';
import { tripItems } from '../shared/adapters/dynamodb/trip-records';
import { silentLogger } from '../shared/adapters/system/json-logger';
import { exposureWindow, type Segment, type Trip } from '../shared/domain/trip';
import type { Traveler } from '../shared/domain/traveler';
import type { BulkEmail } from '../shared/ports/messaging';
import type { TravelerStore } from '../shared/ports/traveler-store';
import { createDraft } from '../shared/services/create-draft';
import { publishPublication } from '../shared/services/publish-publication';
import { exposedTravelers } from '../shared/services/read-exposure';
import { runPool } from '../shared/services/run-pool';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { startLocalRuntime } from '../infra/local/runtime';
import { meter, requestBreakdown, type Usage } from './fan-out';
import { writeResultsSection } from './results-file';
import { benchSubscription, seedSubscriptions } from './seed-subscriptions';

const ORGS = Number(process.env.BENCH_DUTY_ORGS ?? 200);
const TRAVELERS = Number(process.env.BENCH_DUTY_TRAVELERS ?? 5_000);
const TRIPS = Number(process.env.BENCH_DUTY_TRIPS ?? 50_000);
/** The Kenya subscriptions of each series of fan-out runs, in increasing order (the table grows from one to the next). */
const SUBSCRIBER_STEPS = (process.env.BENCH_DUTY_SUBSCRIBERS ?? '5000,10000').split(',').map(Number);
const EXPOSURE_ROUNDS = 3;
const FAN_OUT_ROUNDS = Number(process.env.BENCH_DUTY_ROUNDS ?? 15);
/** Rounds run first and not counted: the JVM behind DynamoDB Local and V8 are still compiling the hot paths. */
const WARM_UP_ROUNDS = Number(process.env.BENCH_DUTY_WARM_UP ?? 2);
const WAIT_MS = 300_000;
/** Countries trips go to; Kenya is one of 25, so about 4% of trips. */
const COUNTRIES = ['KE', 'TZ', 'UG', 'ET', 'RW', 'FR', 'DE', 'GB', 'US', 'MX', 'BR', 'IN', 'CN', 'JP', 'NG', 'ZA', 'EG', 'MA', 'TR', 'AE', 'SA', 'PK', 'TH', 'ID', 'AU'];
const DAY_MS = 86_400_000;

/** A small deterministic generator, so two runs seed the same trips (seed printed with the results). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SEED = Number(process.env.BENCH_SEED ?? 20261130);
/** The seeded travelers' addresses (the subscribers' are the shared bench subscriptions'). */
const TRAVELER_ADDRESS = /^traveler\d+@example\.invalid$/;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function seed(deps: LocalApiDeps, db: DynamoDBDocumentClient, tableName: string): Promise<{ travelers: Traveler[]; seconds: number }> {
  const started = performance.now();
  const random = mulberry32(SEED);
  const now = deps.clock.now();
  const orgIds = Array.from({ length: ORGS }, (_, i) => `ORG${String(i).padStart(23, '0')}`);
  await runPool(orgIds, 16, (id) => deps.directory.putOrganization({ id, name: `Bench org ${id.slice(-3)}`, type: 'member', createdAt: now }));
  const travelers: Traveler[] = Array.from({ length: TRAVELERS }, (_, i) => ({
    id: deps.ids.next(),
    orgId: orgIds[i % ORGS]!,
    name: `Traveler ${i}`,
    email: `traveler${i}@example.invalid`,
    channels: ['email'],
    stopCode: `s${String(i).padStart(9, '0')}`.replace(/[ilou]/g, 'x'),
    createdAt: now,
    updatedAt: now,
    createdBy: 'BENCH',
  }));
  const trips = Array.from({ length: TRIPS }, (_, i): Trip => {
    const traveler = travelers[i % TRAVELERS]!;
    const start = Math.floor(random() * 130) - 60;
    const segments: Segment[] = [{ country: COUNTRIES[Math.floor(random() * COUNTRIES.length)]!, from: day(start), to: day(start + 1 + Math.floor(random() * 10)) }];
    return { id: deps.ids.next(), orgId: traveler.orgId, travelerId: traveler.id, segments, endsOn: segments[0]!.to, createdAt: now, createdBy: 'BENCH' };
  });
  // The stores' own items (travelerItems, tripItems, tripShardItems), bulk-written: the API's path (one transaction each) is what the tests cover.
  const items = [...travelers.flatMap((t) => travelerItems(t)), ...trips.flatMap((trip) => tripItems(trip, 30)), ...tripShardItems(trips, travelers)];
  const slices = Array.from({ length: Math.ceil(items.length / 500) }, (_, i) => items.slice(i * 500, i * 500 + 500));
  await runPool(slices, 8, (slice) => batchPut(db, tableName, slice));
  return { travelers, seconds: (performance.now() - started) / 1000 };
}

/** Adds Kenya email subscriptions `from` … `to - 1` (the same ones every run). */
async function seedKenyaSubscriptions(db: DynamoDBDocumentClient, tableName: string, from: number, to: number): Promise<void> {
  await seedSubscriptions(db, tableName, to - from, (i) => ({ scope: 'c:KE', subscription: benchSubscription(from + i, 'email', { countries: ['KE'], regions: [], kinds: [] }) }));
}

/** The trip store with its match index hidden: planning finds no traveler part (the "subscriptions only" run). */
function withoutTripIndex(store: TravelerStore): TravelerStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'occupiedTripParts') return async () => [];
      if (property === 'visitPage') return async () => ({ items: [], last: null });
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

interface FanOutRun {
  lastMs: number;
  /** The last send to a subscriber, and to a traveler (none in the subscriptions-only run). */
  lastSubscriberMs: number;
  lastTravelerMs: number | undefined;
  sent: number;
  /** Every DynamoDB request from publishing until the email queue was empty. */
  usage: Usage;
}

/** Where a run's requests are counted while it runs (none between runs). */
const counter: { usage?: Usage } = {};

async function fanOut(deps: LocalApiDeps, tableName: string, endpoint: string, title: string, travelers: boolean, expected: number): Promise<FanOutRun> {
  const sends = new Set<string>();
  let last = 0;
  let lastSubscriber = 0;
  let lastTraveler: number | undefined;
  const outbox = deps.outbox!;
  const email = {
    sendEmail: outbox.sendEmail,
    async sendBulkEmail(bulk: BulkEmail) {
      const results = await outbox.sendBulkEmail(bulk);
      const at = performance.now();
      bulk.destinations.forEach((d, i) => {
        if (results[i]?.status !== 'sent') return;
        sends.add(d.to);
        if (TRAVELER_ADDRESS.test(d.to)) lastTraveler = at;
        else lastSubscriber = at;
      });
      last = at;
      return results;
    },
  };
  const runDeps = { ...deps, email, ...(travelers ? {} : { travelers: withoutTripIndex(deps.travelers) }) };
  const runtime = await startLocalRuntime({ deps: runDeps, endpoint, tableName, schedules: false });
  try {
    const publisher = { personId: 'PUB1', orgId: 'ORGPUB', role: 'publisher' as const };
    const head = await createDraft(runDeps, publisher, { kind: 'security-alert', title, countries: ['KE'], summary: 'Demonstrations expected downtown.', body: 'Avoid the area.', sharing: 'TLP:CLEAR', actions: ['Avoid crowds'] });
    const usage: Usage = { requests: new Map(), readUnits: 0, writeUnits: 0 };
    counter.usage = usage;
    const started = performance.now();
    await publishPublication(runDeps, publisher, head.id, {});
    while (performance.now() - started < WAIT_MS && sends.size < expected) await new Promise((resolve) => setTimeout(resolve, 20));
    while (performance.now() - started < WAIT_MS && runtime.bus.depth('email') + runtime.bus.inFlight('email') > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    return { lastMs: last - started, lastSubscriberMs: lastSubscriber - started, lastTravelerMs: lastTraveler === undefined ? undefined : lastTraveler - started, sent: sends.size, usage };
  } finally {
    counter.usage = undefined;
    await runtime.stop();
  }
}

const requestsOf = (run: FanOutRun) => [...run.usage.requests.values()].reduce((a, b) => a + b, 0);

/** The medians of alternating runs of one kind: last send, and the run with the median request count (its breakdown is listed). */
function summary(runs: readonly FanOutRun[]): { lastMs: number; sent: number; requests: { total: number; usage: Usage } } {
  const byRequests = [...runs].sort((a, b) => requestsOf(a) - requestsOf(b));
  const middle = byRequests[Math.floor(byRequests.length / 2)]!;
  return { lastMs: percentile(runs.map((r) => r.lastMs).sort((a, b) => a - b), 50), sent: runs[0]!.sent, requests: { total: requestsOf(middle), usage: middle.usage } };
}

interface Series {
  subscribers: number;
  withoutRuns: FanOutRun[];
  withRuns: FanOutRun[];
  without: ReturnType<typeof summary>;
  withTravelers: ReturnType<typeof summary>;
}

/** Alternating runs, so a machine that slows down or warms up weighs on both alike; the medians are compared. */
async function fanOutSeries(deps: LocalApiDeps, tableName: string, endpoint: string, subscribers: number, exposed: number): Promise<Series> {
  const withoutRuns: FanOutRun[] = [];
  const withRuns: FanOutRun[] = [];
  for (let round = 0; round < WARM_UP_ROUNDS + FAN_OUT_ROUNDS; round += 1) {
    const counted = round >= WARM_UP_ROUNDS;
    const label = counted ? String(round - WARM_UP_ROUNDS + 1) : `warm-up ${round + 1}`;
    const without = await fanOut(deps, tableName, endpoint, `Bench: Nairobi, ${subscribers} subscriptions only, ${label}`, false, subscribers);
    const w = await fanOut(deps, tableName, endpoint, `Bench: Nairobi, ${subscribers} subscriptions with travelers, ${label}`, true, subscribers + exposed);
    if (counted) {
      withoutRuns.push(without);
      withRuns.push(w);
    }
    console.error(`${subscribers} subscriptions, round ${label}: ${(without.lastMs / 1000).toFixed(2)} s / ${(w.lastMs / 1000).toFixed(2)} s (last subscriber ${(w.lastSubscriberMs / 1000).toFixed(2)} s, last traveler ${((w.lastTravelerMs ?? 0) / 1000).toFixed(2)} s), ${requestsOf(without)} / ${requestsOf(w)} requests`);
  }
  return { subscribers, withoutRuns, withRuns, without: summary(withoutRuns), withTravelers: summary(withRuns) };
}

/** Runs the bench and returns the results.md section. */
export async function runDutyOfCareBench(): Promise<string> {
  const ddb = await startDynamoDbLocal();
  const tableName = 'bench-duty';
  try {
    await createTable(new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName);
    const deps = localApiDeps({ endpoint: ddb.endpoint, tableName, baseUrl: 'http://127.0.0.1:3000', logger: silentLogger });
    // The stores share one document client: count on each distinct one once.
    const clients = new Set([deps.deliveries, deps.subscriptions, deps.travelers, deps.publications].map((store) => (store as unknown as { db?: ReturnType<typeof createDocumentClient> }).db));
    for (const client of clients) if (client) meter(client, () => counter.usage);
    const now = deps.clock.now();
    await deps.directory.putOrganization({ id: 'ORGPUB', name: 'Bench publishers', type: 'publisher', createdAt: now });
    await deps.directory.putPerson({ id: 'PUB1', orgId: 'ORGPUB', name: 'Publisher', email: 'publisher@bench.invalid', role: 'publisher', createdAt: now });
    // Setup writes go through a client of their own, which the request counters do not watch.
    const setup = createDocumentClient({ tableName, endpoint: ddb.endpoint });
    const { travelers, seconds } = await seed(deps, setup, tableName);
    console.error(`seeded in ${seconds.toFixed(0)} s`);

    // Exposure of a Kenya alert published now (its window: today and the 7 days after), for every organization.
    const window = exposureWindow({ publishedAt: now, content: { kind: 'security-alert' } as never }, now);
    const timings: number[] = [];
    const exposed = new Set<string>();
    for (let round = 0; round < EXPOSURE_ROUNDS; round += 1) {
      for (const orgId of new Set(travelers.map((t) => t.orgId))) {
        const started = performance.now();
        const list = await exposedTravelers(deps, orgId, ['KE'], window);
        timings.push(performance.now() - started);
        for (const t of list) exposed.add(t.travelerId);
      }
    }
    timings.sort((a, b) => a - b);

    const series: Series[] = [];
    let seeded = 0;
    for (const subscribers of SUBSCRIBER_STEPS) {
      await seedKenyaSubscriptions(setup, tableName, seeded, subscribers);
      seeded = subscribers;
      series.push(await fanOutSeries(deps, tableName, ddb.endpoint, subscribers, exposed.size));
    }
    const count = (n: number) => n.toLocaleString('en-US');
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const s = (n: number) => `${(n / 1000).toFixed(2)} s`;
    const steps = series.map((x) => count(x.subscribers)).join(' and ');
    return [
      '## Duty of care: exposure and traveler fan-out, local mode',
      '',
      `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; DynamoDB Local (in memory); ${new Date().toISOString().slice(0, 10)}; seed ${SEED}. Command: \`npx tsx bench/duty-of-care.ts\`.`,
      `Table: ${TRIPS.toLocaleString('en-US')} trips (one segment each, 25 countries, days from 60 ago to 70 ahead) of ${TRAVELERS.toLocaleString('en-US')} travelers across ${ORGS} organizations, bulk-written with the trip store's own item builders (trip + match-index items + the traveler's trip countries + per-channel shard marks); then ${steps} email subscriptions to Kenya. Setup of the trips took ${seconds.toFixed(0)} s.`,
      '',
      `**Exposure of one Kenya alert** (what \`GET /v1/publications/{id}/exposure\` reads: one Query of the organization's Kenya partition, a BatchGet of the travelers), every organization × ${EXPOSURE_ROUNDS} rounds = ${timings.length} calls; ${exposed.size.toLocaleString('en-US')} travelers exposed in all:`,
      '',
      '| p50 | p95 | p99 | max | goal |',
      '| ---: | ---: | ---: | ---: | --- |',
      `| ${ms(percentile(timings, 50))} | ${ms(percentile(timings, 95))} | ${ms(percentile(timings, 99))} | ${ms(timings.at(-1) ?? 0)} | p99 < 200 ms: ${percentile(timings, 99) < 200 ? 'met' : 'missed'} |`,
      '',
      `**Fan-out of a CLEAR Kenya alert** on the local runtime, from publishing to the last email sent; the first run hides the trip index from the workers (subscriptions only), the second matches travelers too (their parts are planned beside the subscription parts and run in parallel). Runs alternate, ${FAN_OUT_ROUNDS} of each after ${WARM_UP_ROUNDS} warm-up rounds that are not counted. Traveler matching reads and writes about the same whatever the number of subscribers, so its share of the time depends on the fan-out's size: the series are made with ${steps} Kenya subscriptions.`,
      '',
      `| Kenya subscriptions | run | emails sent | DynamoDB requests, median | last send, median of ${FAN_OUT_ROUNDS} |`,
      '| ---: | --- | ---: | ---: | ---: |',
      ...series.flatMap((x) => [
        `| ${count(x.subscribers)} | subscriptions only | ${count(x.without.sent)} | ${count(x.without.requests.total)} | ${s(x.without.lastMs)} (runs: ${x.withoutRuns.map((r) => s(r.lastMs)).join(', ')}) |`,
        `| ${count(x.subscribers)} | subscriptions + travelers | ${count(x.withTravelers.sent)} | ${count(x.withTravelers.requests.total)} | ${s(x.withTravelers.lastMs)} (runs: ${x.withRuns.map((r) => s(r.lastMs)).join(', ')}) |`,
      ]),
      '',
      `Extra time traveler matching (and sending to the ${count(exposed.size)} exposed travelers) adds (goal < 10%):`,
      '',
      ...series.map((x) => {
        const extra = ((x.withTravelers.lastMs - x.without.lastMs) / x.without.lastMs) * 100;
        const extraRequests = x.withTravelers.requests.total - x.without.requests.total;
        return `- with ${count(x.subscribers)} subscriptions: ${extra.toFixed(1)}% (${extra < 10 ? 'met' : 'missed'}); extra DynamoDB requests: ${count(extraRequests)} (+${((extraRequests / x.without.requests.total) * 100).toFixed(1)}%)`;
      }),
      '',
      `Load average when it ended: ${os.loadavg()[0]!.toFixed(1)} (the benchmark's own two processes count in it).`,
      '',
      `Requests by command (the run with the median request count, ${count(series[0]!.subscribers)} subscriptions):`,
      '',
      ...requestBreakdown([
        { label: 'subscriptions only', usage: series[0]!.without.requests.usage },
        { label: 'subscriptions + travelers', usage: series[0]!.withTravelers.requests.usage },
      ]),
      '',
    ].join('\n');
  } finally {
    await ddb.stop();
  }
}

if (process.argv[1]?.endsWith('duty-of-care.ts')) {
  void runDutyOfCareBench().then((section) => {
    console.log(section);
    writeResultsSection(section);
  });
}
