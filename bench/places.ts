/**
 * Places at fan-out size, in DynamoDB Local:
 *
 * 1. Matching: 10,000 active near-subscriptions in Kenya (all filed under
 *    `c:KE`, as the service files them) against one security alert with a
 *    polygon round central Nairobi. The circles are made so the right answer
 *    is known without the code under test: centres inside the polygon (all
 *    match), centres far from it (none match), and centres just outside an
 *    edge at a known distance with a radius 0.5 km more or less than it
 *    (half match). Timed as the workers read a fan-out (every part, 8 at a
 *    time, pages of 200, `wantsVersion` on each page), and the place test
 *    alone over the same subscriptions in memory. Missed and extra ids are
 *    counted against the construction.
 * 2. The GeoJSON feed with 1,000 current areas: 250 public alerts of four
 *    areas each (polygons of 16 corners and circles) published through the
 *    services, then `/feeds/alerts.geojson` rendered cold and served from
 *    the cache through the app; its size (raw and gzipped) and whether it
 *    is valid GeoJSON.
 *
 * `npx tsx bench/places.ts` writes its section of bench/results.md
 * (BENCH_PLACES_SEED, BENCH_PLACES_SUBSCRIPTIONS).
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { check } from '@placemarkio/check-geojson';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createApp } from '../functions/api/app';
import type { ApiDeps } from '../functions/http/env';
import { dynamoDeps } from '../functions/wiring/dynamo-deps';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { DynamoSubscriptionStore } from '../shared/adapters/dynamodb/subscription-repository';
import { memoryOutbox } from '../shared/adapters/outbox/memory-outbox';
import { systemClock, ulidIds } from '../shared/adapters/system/clock';
import { hmacLinkSigner } from '../shared/adapters/system/hmac-link-signer';
import { silentLogger } from '../shared/adapters/system/json-logger';
import { httpWebhookSender } from '../shared/adapters/webhook/http-webhook-sender';
import { isCanonicalScope, planParts } from '../shared/domain/fan-out';
import type { Position } from '../shared/domain/place';
import type { Version } from '../shared/domain/publication';
import type { Subscription } from '../shared/domain/subscription';
import { countryOutline } from '../shared/geo/outlines';
import { acceptsPlace } from '../shared/geo/place-match';
import { createDraft } from '../shared/services/create-draft';
import { matchScopes, wantsVersion } from '../shared/services/match-scopes';
import { publishPublication } from '../shared/services/publish-publication';
import { renderFeedGeoJson } from '../shared/services/render-feed-geojson';
import { runPool } from '../shared/services/run-pool';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { seedDemo } from '../infra/local/seed';
import { writeResultsSection } from './results-file';
import { seeded } from './search-corpus';
import { benchSubscription, seedSubscriptions } from './seed-subscriptions';

const SEED = Number(process.env.BENCH_PLACES_SEED ?? 20261130);
const SUBSCRIPTIONS = Number(process.env.BENCH_PLACES_SUBSCRIPTIONS ?? 10_000);
const ALERTS = 250;
const AREAS_PER_ALERT = 4;
const PARALLEL_PARTS = 8;
const CACHED_REQUESTS = 200;
const COMMAND = `npx tsx bench/places.ts (BENCH_PLACES_SEED=${SEED} BENCH_PLACES_SUBSCRIPTIONS=${SUBSCRIPTIONS})`;

/** Degrees per kilometre on Turf's sphere (6,371.0088 km), near the equator. */
const DEG_PER_KM = 180 / (Math.PI * 6371.0088);

/** A regular polygon of `corners` corners and circumradius `radiusDeg` round a centre, closed. */
function regularPolygon([lon, lat]: Position, radiusDeg: number, corners: number): Position[] {
  const ring: Position[] = Array.from({ length: corners }, (_, i) => {
    const a = (2 * Math.PI * i) / corners;
    return [lon + radiusDeg * Math.cos(a), lat + radiusDeg * Math.sin(a)];
  });
  return [...ring, ring[0]!];
}

const NAIROBI: Position = [36.82, -1.29];
/** An octagon of circumradius ~11 km round central Nairobi. */
const ALERT_RING = regularPolygon(NAIROBI, 0.1, 8);
/** Inside the octagon for sure: its inscribed radius is 0.1 · cos 22.5° ≈ 0.092°. */
const INNER_HALF_SIDE = 0.06;

interface Case {
  subscription: Subscription;
  expected: boolean;
}

/** Subscription i: inside (40 %), far (40 %) or at a known distance from an edge (20 %), with the right answer. */
function makeCase(i: number, random: () => number): Case {
  const roll = random();
  let lon: number;
  let lat: number;
  let radiusKm: number;
  let expected: boolean;
  if (roll < 0.4) {
    lon = NAIROBI[0] + (random() * 2 - 1) * INNER_HALF_SIDE;
    lat = NAIROBI[1] + (random() * 2 - 1) * INNER_HALF_SIDE;
    radiusKm = 0.5 + random() * 5;
    expected = true;
  } else if (roll < 0.8) {
    // Anywhere in central Kenya more than radius + 5 km from the octagon's box.
    radiusKm = 0.5 + random() * 20;
    const clear = 0.1 + (radiusKm + 5) * DEG_PER_KM * 1.01;
    do {
      lon = 34.8 + random() * 5;
      lat = -2.5 + random() * 5;
    } while (Math.abs(lon - NAIROBI[0]) < clear && Math.abs(lat - NAIROBI[1]) < clear);
    expected = false;
  } else {
    // Out along the normal of an edge's midpoint: the nearest point of the polygon is that midpoint.
    const edge = Math.floor(random() * 8);
    const [a, b] = [ALERT_RING[edge]!, ALERT_RING[edge + 1]!];
    const mid: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const normal = [mid[0] - NAIROBI[0], mid[1] - NAIROBI[1]];
    const length = Math.hypot(normal[0]!, normal[1]!);
    const km = 1 + random() * 4;
    lon = mid[0] + (normal[0]! / length) * km * DEG_PER_KM;
    lat = mid[1] + (normal[1]! / length) * km * DEG_PER_KM;
    expected = random() < 0.5;
    radiusKm = expected ? km + 0.5 : km - 0.5;
  }
  const near = { lat: round6(lat), lon: round6(lon), radiusKm: round6(radiusKm), country: 'KE', reach: ['KE'] };
  return { subscription: benchSubscription(i, 'email', { countries: [], regions: [], kinds: [], near }), expected };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

const alertVersion: Version = {
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', version: 1, regions: ['AF'], orgId: 'ORG', changeNote: '', major: true, publishedAt: '2030-01-01T00:00:00Z', publishedBy: 'p',
  content: {
    kind: 'security-alert', title: 'Demonstrations in central Nairobi', countries: ['KE'], summary: 's', body: '', sharing: 'TLP:CLEAR', actions: ['Avoid the area.'],
    areas: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Central Nairobi' }, geometry: { type: 'Polygon', coordinates: [ALERT_RING] } }] },
  },
};

interface MatchResult {
  subscriptions: number;
  expected: number;
  matched: number;
  missed: number;
  extra: number;
  fanOutMs: number;
  parts: number;
  chunks: number;
  placeMs: number;
  seedMs: number;
}

async function matchingBench(endpoint: string): Promise<MatchResult> {
  const table = 'bench-places-match';
  await createTable(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), table, { stream: false });
  const db = createDocumentClient({ tableName: table, endpoint });
  const random = seeded(SEED);
  const cases = Array.from({ length: SUBSCRIPTIONS }, (_, i) => makeCase(i, random));
  const expectedIds = new Set(cases.filter((c) => c.expected).map((c) => c.subscription.id));
  const seedStart = performance.now();
  await seedSubscriptions(db, table, cases.length, (i) => ({ subscription: cases[i]!.subscription, scope: 'c:KE' }));
  const seedMs = performance.now() - seedStart;

  const store = new DynamoSubscriptionStore(db, table);
  const scopes = matchScopes({ countries: alertVersion.content.countries, regions: alertVersion.regions });
  const parts = planParts(scopes);
  const matched = new Set<string>();
  const read: Subscription[] = [];
  let chunks = 0;
  const start = performance.now();
  await runPool(parts, PARALLEL_PARTS, async (part) => {
    let after: string | undefined;
    do {
      const page = await store.matchPage('email', part, 200, after);
      read.push(...page.items);
      for (const s of page.items) if (wantsVersion(s, 'email', alertVersion) && isCanonicalScope(s, scopes, part.scope)) matched.add(s.id);
      chunks += 1;
      after = page.last ?? undefined;
    } while (after !== undefined);
  });
  const fanOutMs = performance.now() - start;

  // The geometry alone, on the subscriptions as read (a fresh content object, so the areas are prepared again).
  const content = structuredClone(alertVersion.content);
  const placeStart = performance.now();
  let placed = 0;
  for (const s of read) if (acceptsPlace(s.filters, content)) placed += 1;
  const placeMs = performance.now() - placeStart;
  if (placed !== matched.size) throw new Error(`The place test alone accepted ${placed}, the fan-out ${matched.size}`);

  return {
    subscriptions: read.length,
    expected: expectedIds.size,
    matched: matched.size,
    missed: [...expectedIds].filter((id) => !matched.has(id)).length,
    extra: [...matched].filter((id) => !expectedIds.has(id)).length,
    fanOutMs,
    parts: parts.length,
    chunks,
    placeMs,
    seedMs,
  };
}

/** Large countries whose label point lies well inside them. */
const FEED_COUNTRIES = ['KE', 'TZ', 'ET', 'NG', 'CD', 'BR', 'MX', 'IN', 'CN', 'US', 'AU', 'CA', 'AR', 'DZ', 'KZ', 'MN'];

interface FeedResult {
  alerts: number;
  features: number;
  areaFeatures: number;
  bytes: number;
  gzipBytes: number;
  valid: boolean;
  publishMs: number;
  coldMs: number[];
  cachedP50: number;
  cachedP99: number;
}

async function feedBench(endpoint: string): Promise<FeedResult> {
  const table = 'bench-places-feed';
  await createTable(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), table, { stream: false });
  const db = createDocumentClient({ tableName: table, endpoint });
  const ids = ulidIds();
  const outbox = memoryOutbox(systemClock, ids);
  const baseUrl = 'http://127.0.0.1:3999'; // never listened on: requests go to app.request
  const deps: ApiDeps = {
    ...dynamoDeps(db, table, systemClock, ids),
    email: outbox,
    sms: outbox,
    webhooks: httpWebhookSender({ allowLoopback: true }),
    links: hmacLinkSigner(randomBytes(32).toString('base64url')),
    baseUrl,
    logger: silentLogger,
    config: { mode: 'local', baseUrl, maxBodyBytes: 262_144, minAnswerMs: 250 },
  };
  const demo = await seedDemo(deps, baseUrl);
  const person = await deps.directory.findPersonByEmail(demo.users.publisher);
  if (!person) throw new Error('The seeded publisher is missing');
  const publisher = { personId: person.id, orgId: person.orgId, role: person.role };
  const random = seeded(SEED + 1);

  const publishStart = performance.now();
  for (let i = 0; i < ALERTS; i++) {
    const cc = FEED_COUNTRIES[i % FEED_COUNTRIES.length]!;
    const [lon, lat] = countryOutline(cc)!.label;
    const features = Array.from({ length: AREAS_PER_ALERT }, (_, k) => {
      const centre: Position = [round6(lon + (random() - 0.5) * 0.4), round6(lat + (random() - 0.5) * 0.4)];
      return k % 2 === 0
        ? { type: 'Feature', properties: { name: `Zone ${i}-${k}` }, geometry: { type: 'Polygon', coordinates: [regularPolygon(centre, 0.05, 16).map(([x, y]) => [round6(x), round6(y)])] } }
        : { type: 'Feature', properties: { radiusKm: 2 + k }, geometry: { type: 'Point', coordinates: centre } };
    });
    const head = await createDraft(deps, publisher, {
      kind: 'security-alert',
      title: `Bench area alert ${i}`,
      countries: [cc],
      summary: 'Four areas of a bench alert.',
      body: 'Generated for the GeoJSON feed bench.',
      sharing: 'TLP:CLEAR',
      actions: ['Avoid the areas.'],
      areas: { type: 'FeatureCollection', features },
    });
    await publishPublication(deps, publisher, head.id, {});
  }
  const publishMs = performance.now() - publishStart;

  const coldMs: number[] = [];
  let body = '';
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    body = (await renderFeedGeoJson(deps, { type: 'all' })).body;
    coldMs.push(performance.now() - t);
  }
  const parsed = JSON.parse(body) as { features: { properties: { placement: string } }[] };
  let valid = true;
  try {
    check(body);
  } catch {
    valid = false;
  }

  const { app } = createApp(deps);
  const first = await app.request(`${baseUrl}/feeds/alerts.geojson`);
  if (first.status !== 200) throw new Error(`GET /feeds/alerts.geojson answered ${first.status}`);
  const served = await first.text();
  const times: number[] = [];
  for (let r = 0; r < CACHED_REQUESTS; r++) {
    const t = performance.now();
    const res = await app.request(`${baseUrl}/feeds/alerts.geojson`);
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    alerts: ALERTS,
    features: parsed.features.length,
    areaFeatures: parsed.features.filter((f) => f.properties.placement !== 'country').length,
    bytes: Buffer.byteLength(served),
    gzipBytes: gzipSync(served).length,
    valid,
    publishMs,
    coldMs,
    cachedP50: times[Math.floor(times.length * 0.5)]!,
    cachedP99: times[Math.floor(times.length * 0.99)]!,
  };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const n = (x: number) => x.toLocaleString('en-US');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs both parts and returns the results.md section. */
async function runPlacesBench(): Promise<string> {
  const ddb = await startDynamoDbLocal();
  try {
    const m = await matchingBench(ddb.endpoint);
    console.log(m);
    const f = await feedBench(ddb.endpoint);
    console.log(f);
    return [
      '## Places: near-subscriptions and the GeoJSON feed',
      '',
      `Recorded ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; DynamoDB Local (in memory); load average ${os.loadavg()[0]!.toFixed(1)} when it ended (the benchmark's own processes count in it). Reproduce with \`${COMMAND}\`.`,
      '',
      `**Matching.** ${n(m.subscriptions)} active email near-subscriptions in Kenya (all under \`c:KE\`) against one security alert with an octagon of ~11 km round central Nairobi. Circles: 40 % centred inside the polygon, 40 % far from it, 20 % just outside an edge at a known distance with a radius 0.5 km more or less than it; the right answer comes from that construction, not from the code under test. The fan-out column is what the email workers do: every (scope, shard) part of the alert's scopes (\`global\`, \`c:KE\`, \`r:AF\`), ${PARALLEL_PARTS} at a time, Query pages of 200, \`wantsVersion\` on each. Goal: under 2 s for the matching, none missed, none extra.`,
      '',
      '| subscriptions | should match | matched | missed | extra | fan-out read + match | parts / chunks | place test alone (in memory) | setup |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${n(m.subscriptions)} | ${n(m.expected)} | ${n(m.matched)} | ${m.missed} | ${m.extra} | ${(m.fanOutMs / 1000).toFixed(2)} s | ${m.parts} / ${m.chunks} | ${ms(m.placeMs)} (${((m.placeMs * 1000) / m.subscriptions).toFixed(1)} µs each) | ${(m.seedMs / 1000).toFixed(1)} s |`,
      '',
      `**GeoJSON feed.** ${f.alerts} public security alerts of ${AREAS_PER_ALERT} areas each (16-corner polygons and circles, in ${FEED_COUNTRIES.length} countries), published through the services on top of the demo seed; \`/feeds/alerts.geojson\` read as the feed renders it (Query per kind, render) and as the app serves it from its cache.`,
      '',
      '| features | of them areas | size | gzipped | valid GeoJSON (check-geojson) | render, cold (median of 5) | served from the cache p50 / p99 (200 requests) | publishing the 250 alerts |',
      '| ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: |',
      `| ${n(f.features)} | ${n(f.areaFeatures)} | ${(f.bytes / 1024).toFixed(0)} KiB | ${(f.gzipBytes / 1024).toFixed(0)} KiB | ${f.valid ? 'yes' : 'no'} | ${ms(median(f.coldMs))} | ${ms(f.cachedP50)} / ${ms(f.cachedP99)} | ${(f.publishMs / 1000).toFixed(1)} s |`,
      '',
    ].join('\n');
  } finally {
    await ddb.stop();
  }
}

if (process.argv[1]?.endsWith('places.ts')) {
  void runPlacesBench().then((section) => {
    writeResultsSection(section);
    console.log(section);
  });
}
