/**
 * A daily digest run, local mode: N active daily-digest email subscribers
 * in one time zone (Asia/Tokyo), two CLEAR items published through the API
 * since their last digest, then the `send-digests` schedule run at their
 * 08:00 and the email workers on the in-process bus sending every digest
 * (DynamoDB Local, outbox). Every send is counted per address as it
 * reaches the email sender, so duplicates and missing digests are exact;
 * DynamoDB requests are counted by command from the schedule run until the
 * queue is empty; RSS and heap are sampled every 20 ms.
 *
 * `npx tsx bench/digests.ts [sizes…]` (default 100000) prints the Markdown
 * section and writes it into bench/results.md.
 */
import os from 'node:os';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createApp } from '../functions/api/app';
import { schedulerHandler } from '../functions/scheduler/handler';
import { localApiDeps, localSchedulerDeps } from '../functions/wiring/local';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { digestItem } from '../shared/adapters/dynamodb/digest-index';
import { itemOf } from '../shared/adapters/dynamodb/entities';
import { silentLogger } from '../shared/adapters/system/json-logger';
import { digestSlot, isDigestDue } from '../shared/domain/digest';
import type { BulkEmail } from '../shared/ports/messaging';
import { issueApiKey } from '../shared/services/api-keys';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { createMessageBus } from '../infra/local/message-bus';
import { busRequeue, registerWorkers } from '../infra/local/workers';
import { meter, requestBreakdown, type Usage } from './fan-out';
import { writeResultsSection } from './results-file';
import { benchSubscription } from './seed-subscriptions';

const ZONE = 'Asia/Tokyo';
const WAIT_MS = Number(process.env.BENCH_DIGEST_WAIT_S ?? 900) * 1000;

interface DigestRun {
  subscribers: number;
  seedSeconds: number;
  runMs: number;
  delivered: number;
  duplicates: number;
  missing: number;
  usage: Usage;
  baseRssMiB: number;
  peakRssMiB: number;
  peakHeapMiB: number;
}

/** The first quarter-hour after `after` at which the zone's daily digests are due. */
function nextTokyoMorning(after: number): string {
  for (let t = Date.parse(digestSlot(new Date(after).toISOString())) + 15 * 60_000; ; t += 15 * 60_000) {
    if (isDigestDue('daily', ZONE, new Date(t).toISOString())) return new Date(t).toISOString();
  }
}

async function runOnce(n: number): Promise<DigestRun> {
  const ddb = await startDynamoDbLocal();
  const table = `bench-digests-${n}`;
  try {
    await createTable(new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), table);
    const db = createDocumentClient({ tableName: table, endpoint: ddb.endpoint });
    const since = new Date(Date.now() - 60_000).toISOString();
    const seedStart = performance.now();
    await db.send(new PutCommand({ TableName: table, Item: { ...itemOf('digestZone', { frequency: 'daily', timeZone: ZONE }), frequency: 'daily', timeZone: ZONE } }));
    let next = 0;
    const writer = async () => {
      while (next < n) {
        const start = next;
        next = Math.min(n, next + 25);
        const items = [];
        for (let i = start; i < next; i += 1) {
          const subscription = { ...benchSubscription(i, 'email', { countries: ['KE'], regions: [], kinds: [] }), timing: { frequency: 'daily' as const, timeZone: ZONE } };
          items.push({ PutRequest: { Item: digestItem(subscription, { frequency: 'daily', timeZone: ZONE }, since) } });
        }
        let request: Record<string, typeof items> | undefined = { [table]: items };
        while (request && Object.keys(request).length > 0) request = (await db.send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems as typeof request;
      }
    };
    await Promise.all(Array.from({ length: 16 }, writer));
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const deps = localApiDeps({ endpoint: ddb.endpoint, tableName: table, baseUrl: 'http://127.0.0.1:3000', logger: silentLogger });
    let counting: Usage | undefined;
    const clients = new Set([deps.deliveries, deps.subscriptions, deps.rateLimits, deps.publications, deps.digests, deps.held].map((store) => (store as unknown as { db?: ReturnType<typeof createDocumentClient> }).db));
    for (const client of clients) if (client) meter(client, () => counting);

    const sends = new Map<string, number>();
    const outbox = deps.outbox!;
    const email = {
      sendEmail: outbox.sendEmail,
      async sendBulkEmail(bulk: BulkEmail) {
        const results = await outbox.sendBulkEmail(bulk);
        bulk.destinations.forEach((d, i) => {
          if (results[i]?.status === 'sent') sends.set(d.to, (sends.get(d.to) ?? 0) + 1);
        });
        return results;
      },
    };
    const now = deps.clock.now();
    await deps.directory.putOrganization({ id: 'ORGPUB', name: 'Bench publishers', type: 'publisher', createdAt: now });
    await deps.directory.putPerson({ id: 'PUB1', orgId: 'ORGPUB', name: 'Publisher', email: 'publisher@bench.invalid', role: 'publisher', createdAt: now });
    const { key } = await issueApiKey(deps, { system: 'bench' }, { personId: 'PUB1', orgId: 'ORGPUB', role: 'publisher' }, 'bench', ['read', 'write']);
    const runDeps = { ...deps, email };
    const { app } = createApp(runDeps);
    const api = (method: string, path: string, body?: unknown) =>
      app.request(new Request(`http://127.0.0.1:3000${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) }));
    for (const title of ['Bench: demonstrations in Nairobi', 'Bench: port strike in Mombasa']) {
      const draft = await api('POST', '/v1/publications', { kind: 'security-alert', title, countries: ['KE'], summary: 'Demonstrations expected downtown.', body: 'Avoid the area.', sharing: 'TLP:CLEAR', actions: ['Avoid crowds'] });
      const id = ((await draft.json()) as { id: string }).id;
      if ((await api('POST', `/v1/publications/${id}/publish`)).status !== 200) throw new Error('publish failed');
    }

    const bus = createMessageBus({ backoff: () => 1000 });
    registerWorkers(bus, runDeps, {});
    bus.start();
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    let peakHeap = process.memoryUsage().heapUsed;
    counting = { requests: new Map(), readUnits: 0, writeUnits: 0 };
    const started = performance.now();
    await schedulerHandler(localSchedulerDeps(runDeps, busRequeue(bus)))({ task: 'send-digests', at: nextTokyoMorning(Date.now()) });
    while (performance.now() - started < WAIT_MS && (sends.size < n || bus.depth('email') + bus.inFlight('email') > 0)) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const runMs = performance.now() - started;
    const usage = counting;
    counting = undefined;
    await bus.stop();
    const counts = [...sends.values()];
    return {
      subscribers: n,
      seedSeconds,
      runMs,
      delivered: sends.size,
      duplicates: counts.filter((c) => c > 1).length,
      missing: n - sends.size,
      usage,
      baseRssMiB: Math.round(baseRss / 2 ** 20),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      peakHeapMiB: Math.round(peakHeap / 2 ** 20),
    };
  } finally {
    await ddb.stop();
  }
}

async function runDigestBench(sizes: number[]): Promise<string> {
  const runs: DigestRun[] = [];
  for (const n of sizes) {
    runs.push(await runOnce(n));
    const last = runs.at(-1)!;
    console.error(JSON.stringify({ ...last, usage: { ...last.usage, requests: Object.fromEntries(last.usage.requests) } }));
  }
  const per = (value: number, r: DigestRun) => (r.delivered ? (value / r.delivered).toFixed(3) : '—');
  const rows = runs.map((r) => {
    const total = [...r.usage.requests.values()].reduce((a, b) => a + b, 0);
    return `| ${r.subscribers.toLocaleString('en-US')} | ${(r.runMs / 1000).toFixed(1)} s | ${Math.round(r.delivered / (r.runMs / 1000)).toLocaleString('en-US')} | ${r.delivered.toLocaleString('en-US')} | ${r.duplicates} | ${r.missing} | ${total.toLocaleString('en-US')} (${per(total, r)}) | ${per(r.usage.writeUnits, r)} / ${per(r.usage.readUnits, r)} | ${r.baseRssMiB} → ${r.peakRssMiB} MiB | ${r.peakHeapMiB} MiB | ${r.seedSeconds.toFixed(0)} s |`;
  });
  const breakdown = requestBreakdown(runs);
  return [
    '## Daily digest run, local mode',
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; DynamoDB Local (in memory); ${new Date().toISOString().slice(0, 10)}. Command: \`npx tsx bench/digests.ts\`.`,
    `N active daily-digest email subscribers in ${ZONE} (digest index items written directly), two CLEAR items published through the API since their last digest;`,
    'then the `send-digests` schedule run at their 08:00 and the email workers on the in-process bus sending every digest to the outbox. Time runs from the',
    'schedule run to the last send with the queue empty; every send is counted per address, so duplicates and missing are exact. DynamoDB requests are',
    'every command from the schedule run on (zones, shard probes, digest index pages, listings, chunk transactions with the window moves, batch and',
    'round records, rate counters). Memory is this process (scheduler, bus and workers; DynamoDB Local is a process of its own), RSS before the run → peak.',
    '',
    '| subscribers | run | digests/s | delivered | duplicates | missing | DynamoDB requests (per digest) | write / read units per digest | RSS | peak heap | setup |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'Requests by command:',
    '',
    ...breakdown,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('digests.ts')) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  void runDigestBench(sizes.length ? sizes : [100_000]).then((section) => {
    console.log(section);
    writeResultsSection(section);
  });
}
