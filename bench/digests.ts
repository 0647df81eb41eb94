/**
 * A daily digest run, local mode: N active daily-digest email subscribers
 * in one time zone (Asia/Tokyo), two CLEAR items published through the API
 * since their last digest, then the `send-digests` schedule run at their
 * 08:00 and the email workers on the in-process bus sending every digest.
 * The run happens in a worker process of its own (bench/digest-worker.ts),
 * so the memory measured is the worker's, not this process's seeding and
 * bookkeeping. Every send is counted per subscriber as it reaches the email
 * sender, so duplicates and missing digests are exact; DynamoDB requests
 * are counted by command from the schedule run until the queue is empty.
 *
 * `npx tsx bench/digests.ts [sizes…]` or `BENCH_DIGEST_SIZES=10000,20000,100000
 * npx tsx bench/digests.ts` (default 20000 and 100000: several sizes show
 * whether the worker's memory is flat) prints the Markdown section and
 * writes it into bench/results.md.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createApp } from '../functions/api/app';
import { localApiDeps } from '../functions/wiring/local';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { digestItem } from '../shared/adapters/dynamodb/digest-index';
import { itemOf } from '../shared/adapters/dynamodb/entities';
import { silentLogger } from '../shared/adapters/system/json-logger';
import { digestSlot, isDigestDue } from '../shared/domain/digest';
import { issueApiKey } from '../shared/services/api-keys';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import type { WorkerRun } from './digest-worker';
import { requestBreakdown } from './fan-out';
import { writeResultsSection } from './results-file';
import { benchSubscription } from './seed-subscriptions';

const ZONE = 'Asia/Tokyo';

type DigestRun = WorkerRun & { subscribers: number; seedSeconds: number };

/** The first quarter-hour after `after` at which the zone's daily digests are due. */
function nextTokyoMorning(after: number): string {
  for (let t = Date.parse(digestSlot(new Date(after).toISOString())) + 15 * 60_000; ; t += 15 * 60_000) {
    if (isDigestDue('daily', ZONE, new Date(t).toISOString())) return new Date(t).toISOString();
  }
}

/** Runs bench/digest-worker.ts against the seeded table and waits for its report. */
function runWorkerProcess(env: Record<string, string>): Promise<WorkerRun> {
  const child = fork(fileURLToPath(new URL('./digest-worker.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // The report holds a Map (requests by command).
    serialization: 'advanced',
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (run) => resolve(run as WorkerRun));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench/digest-worker.ts exited with ${code}`))));
  });
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
    const now = deps.clock.now();
    await deps.directory.putOrganization({ id: 'ORGPUB', name: 'Bench publishers', type: 'publisher', createdAt: now });
    await deps.directory.putPerson({ id: 'PUB1', orgId: 'ORGPUB', name: 'Publisher', email: 'publisher@bench.invalid', role: 'publisher', createdAt: now });
    const { key } = await issueApiKey(deps, { system: 'bench' }, { personId: 'PUB1', orgId: 'ORGPUB', role: 'publisher' }, 'bench', ['read', 'write']);
    const { app } = createApp(deps);
    const api = (method: string, path: string, body?: unknown) =>
      app.request(new Request(`http://127.0.0.1:3000${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) }));
    for (const title of ['Bench: demonstrations in Nairobi', 'Bench: port strike in Mombasa']) {
      const draft = await api('POST', '/v1/publications', { kind: 'security-alert', title, countries: ['KE'], summary: 'Demonstrations expected downtown.', body: 'Avoid the area.', sharing: 'TLP:CLEAR', actions: ['Avoid crowds'] });
      const id = ((await draft.json()) as { id: string }).id;
      if ((await api('POST', `/v1/publications/${id}/publish`)).status !== 200) throw new Error('publish failed');
    }

    const run = await runWorkerProcess({ BENCH_DDB_ENDPOINT: ddb.endpoint, BENCH_TABLE: table, BENCH_DIGEST_N: String(n), BENCH_DIGEST_AT: nextTokyoMorning(Date.now()) });
    return { subscribers: n, seedSeconds, ...run };
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
    // The flatness goal at a glance, size by size, while the next size runs.
    console.error(`${n.toLocaleString('en-US')} subscribers: worker peak heap ${last.peakHeapMiB} MiB, live ${last.peakLiveHeapMiB} MiB, RSS ${last.baseRssMiB} → ${last.peakRssMiB} MiB`);
  }
  const per = (value: number, r: DigestRun) => (r.delivered ? (value / r.delivered).toFixed(3) : '—');
  const rows = runs.map((r) => {
    const total = [...r.usage.requests.values()].reduce((a, b) => a + b, 0);
    return `| ${r.subscribers.toLocaleString('en-US')} | ${(r.runMs / 1000).toFixed(1)} s | ${Math.round(r.delivered / (r.runMs / 1000)).toLocaleString('en-US')} | ${r.delivered.toLocaleString('en-US')} | ${r.duplicates} | ${r.missing} | ${total.toLocaleString('en-US')} (${per(total, r)}) | ${per(r.usage.writeUnits, r)} / ${per(r.usage.readUnits, r)} | ${r.baseRssMiB} → ${r.peakRssMiB} MiB | ${r.baseHeapMiB} → ${r.peakHeapMiB} MiB | ${r.peakLiveHeapMiB} MiB | ${r.seedSeconds.toFixed(0)} s |`;
  });
  const breakdown = requestBreakdown(runs);
  return [
    '## Daily digest run, local mode',
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; DynamoDB Local (in memory); ${new Date().toISOString().slice(0, 10)}. Command: \`npx tsx bench/digests.ts ${runs.map((r) => r.subscribers).join(' ')}\`.`,
    `N active daily-digest email subscribers in ${ZONE} (digest index items written directly), two CLEAR items published through the API since their last digest;`,
    'then the `send-digests` schedule run at their 08:00 and the email workers on the in-process bus sending every digest to a sender standing for SES. Time runs from the',
    'schedule run to the last send with the queue empty; every send is counted per address, so duplicates and missing are exact. DynamoDB requests are',
    'every command from the schedule run on (zones, shard probes, digest index pages, listings, chunk transactions with the window moves, batch and',
    'round records, rate counters). Memory is the worker process alone (scheduler, bus and email workers, started after seeding; the sender stands for SES',
    'and keeps nothing, sends are counted in one byte per subscriber; DynamoDB Local is a process of its own): RSS and heap before the run → peak (sampled',
    'every 20 ms, garbage included), and the live heap: the largest heap left after a full GC, forced every second. Flat: not growing with the subscribers.',
    '',
    '| subscribers | run | digests/s | delivered | duplicates | missing | DynamoDB requests (per digest) | write / read units per digest | worker RSS | worker heap | live heap | setup |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'Requests by command:',
    '',
    ...breakdown,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('digests.ts')) {
  const listed = process.argv.length > 2 ? process.argv.slice(2) : (process.env.BENCH_DIGEST_SIZES ?? '').split(',');
  const sizes = listed.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  void runDigestBench(sizes.length ? sizes : [20_000, 100_000]).then((section) => {
    console.log(section);
    writeResultsSection(section);
  });
}
