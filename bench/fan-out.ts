/**
 * Fan-out at scale, local mode: one CLEAR security alert for Kenya,
 * published through the API over HTTP, to N active email subscriptions of
 * Kenya, on the real local runtime (DynamoDB Local's stream → poller →
 * announce → in-process SNS/SQS bus → email workers → outbox). Every send is
 * counted as it reaches the email sender (the outbox keeps only its newest
 * messages), per address, so the run proves each recipient got exactly one
 * message; DynamoDB requests are counted by command while the fan-out runs.
 *
 * Bounded: each size waits at most BENCH_FANOUT_WAIT_S (default 600 s) for
 * its last delivery. `npx tsx bench/fan-out.ts [sizes…]` (default 10000
 * 100000) prints the Markdown section and writes it into bench/results.md.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { createApp } from '../functions/api/app';
import { localApiDeps } from '../functions/wiring/local';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { silentLogger } from '../shared/adapters/system/json-logger';
import type { BulkEmail } from '../shared/ports/messaging';
import { issueApiKey } from '../shared/services/api-keys';
import { freePort, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { startLocalRuntime } from '../infra/local/runtime';
import { writeResultsSection } from './results-file';
import { benchSubscription, seedSubscriptions } from './seed-subscriptions';

const WAIT_MS = Number(process.env.BENCH_FANOUT_WAIT_S ?? 600) * 1000;

interface FanOutRun {
  subscribers: number;
  seedSeconds: number;
  firstMs?: number;
  lastMs?: number;
  delivered: number;
  duplicates: number;
  missing: number;
  usage: Usage;
  /** This process's CPU time while the fan-out ran (the API, the runtime and the workers; DynamoDB Local is a process of its own). */
  cpuMs: number;
  peakRssMiB: number;
}

export interface Usage {
  requests: Map<string, number>;
  readUnits: number;
  writeUnits: number;
}

/** One Markdown list item per run (named by `label`, or its subscriber count): its DynamoDB commands by name, most used first. */
export function requestBreakdown(runs: readonly { subscribers?: number; label?: string; usage: Usage }[]): string[] {
  return runs.map((r) => `- ${r.label ?? r.subscribers?.toLocaleString('en-US')}: ${[...r.usage.requests.entries()].sort((a, b) => b[1] - a[1]).map(([name, count]) => `${name.replace(/Command$/, '')} ${count.toLocaleString('en-US')}`).join(', ')}`);
}

type Consumed = { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number };

/**
 * Counts DynamoDB commands by name on a document client, and the capacity
 * units they consumed (every command is asked for ReturnConsumedCapacity,
 * which DynamoDB Local answers as DynamoDB does).
 */
export function meter(db: ReturnType<typeof createDocumentClient>, into: () => Usage | undefined): void {
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const usage = into();
      if (!usage) return next(args);
      const name = context.commandName ?? 'unknown';
      usage.requests.set(name, (usage.requests.get(name) ?? 0) + 1);
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      for (const c of [consumed ?? []].flat()) {
        const write = c.WriteCapacityUnits ?? (/(Put|Update|Delete|TransactWrite|BatchWrite)/.test(name) ? (c.CapacityUnits ?? 0) : 0);
        const read = c.ReadCapacityUnits ?? (write === 0 ? (c.CapacityUnits ?? 0) : 0);
        usage.writeUnits += write;
        usage.readUnits += read;
      }
      return result;
    },
    { step: 'initialize', name: 'benchMeter' },
  );
}

async function runOnce(n: number): Promise<FanOutRun> {
  const ddb = await startDynamoDbLocal();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const table = `bench-fanout-${n}`;
  try {
    await createTable(new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), table);
    const seedStart = performance.now();
    await seedSubscriptions(createDocumentClient({ tableName: table, endpoint: ddb.endpoint }), table, n, (i) => ({
      scope: 'c:KE',
      subscription: benchSubscription(i, 'email', { countries: ['KE'], regions: [], kinds: [] }),
    }));
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const deps = localApiDeps({ endpoint: ddb.endpoint, tableName: table, baseUrl, logger: silentLogger });
    let counting: Usage | undefined;
    // The stores share one document client: count on each distinct one once.
    const clients = new Set([deps.deliveries, deps.subscriptions, deps.rateLimits, deps.publications].map((store) => (store as unknown as { db?: ReturnType<typeof createDocumentClient> }).db));
    for (const db of clients) if (db) meter(db, () => counting);

    // Every send, per address, as it reaches the sender; then on to the outbox as in local mode.
    const sends = new Map<string, number>();
    let first: number | undefined;
    let last: number | undefined;
    const outbox = deps.outbox!;
    const email = {
      sendEmail: outbox.sendEmail,
      async sendBulkEmail(bulk: BulkEmail) {
        const results = await outbox.sendBulkEmail(bulk);
        const at = performance.now();
        bulk.destinations.forEach((d, i) => {
          if (results[i]?.status !== 'sent') return;
          sends.set(d.to, (sends.get(d.to) ?? 0) + 1);
          first ??= at;
          last = at;
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
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
    const runtime = await startLocalRuntime({ deps: runDeps, endpoint: ddb.endpoint, tableName: table, schedules: false });
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    let peakRss = process.memoryUsage().rss;
    try {
      const draft = await api('POST', '/v1/publications', {
        kind: 'security-alert', title: 'Bench: demonstrations in Nairobi', countries: ['KE'], summary: 'Demonstrations expected downtown.', body: 'Avoid the area.', sharing: 'TLP:CLEAR', actions: ['Avoid crowds'],
      });
      const id = ((await draft.json()) as { id: string }).id;
      counting = { requests: new Map(), readUnits: 0, writeUnits: 0 };
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const published = await api('POST', `/v1/publications/${id}/publish`);
      if (published.status !== 200) throw new Error(`publish answered ${published.status}`);
      while (performance.now() - started < WAIT_MS && sends.size < n) {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Anything sent twice would arrive now: wait for the queues to empty.
      while (performance.now() - started < WAIT_MS && runtime.bus.depth('email') + runtime.bus.inFlight('email') > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const usage = counting;
      counting = undefined;
      const cpu = process.cpuUsage(cpuBefore);
      const counts = [...sends.values()];
      return {
        subscribers: n,
        seedSeconds,
        ...(first !== undefined ? { firstMs: first - started } : {}),
        ...(last !== undefined ? { lastMs: last - started } : {}),
        delivered: sends.size,
        duplicates: counts.filter((c) => c > 1).length,
        missing: n - sends.size,
        usage,
        cpuMs: (cpu.user + cpu.system) / 1000,
        peakRssMiB: Math.round(peakRss / 2 ** 20),
      };
    } finally {
      await runtime.stop();
      server.close();
    }
  } finally {
    await ddb.stop();
  }
}

/** Runs the bench for each size and returns the results.md section. */
export async function runFanOutBench(sizes: number[] = [10_000, 100_000]): Promise<string> {
  const runs: FanOutRun[] = [];
  for (const n of sizes) {
    runs.push(await runOnce(n));
    const last = runs.at(-1)!;
    console.error(JSON.stringify({ ...last, usage: { ...last.usage, requests: Object.fromEntries(last.usage.requests) } }));
  }
  const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
  const per = (value: number, r: FanOutRun) => (r.delivered ? (value / r.delivered).toFixed(3) : '—');
  const rows = runs.map((r) => {
    const total = [...r.usage.requests.values()].reduce((a, b) => a + b, 0);
    const rate = r.lastMs ? Math.round(r.delivered / (r.lastMs / 1000)).toLocaleString('en-US') : '—';
    return `| ${r.subscribers.toLocaleString('en-US')} | ${s(r.firstMs)} | ${s(r.lastMs)} | ${rate} | ${r.delivered.toLocaleString('en-US')} | ${r.duplicates} | ${r.missing} | ${total.toLocaleString('en-US')} (${per(total, r)}) | ${per(r.usage.writeUnits, r)} / ${per(r.usage.readUnits, r)} | ${per(r.cpuMs, r)} ms | ${r.peakRssMiB} MiB | ${r.seedSeconds.toFixed(0)} s |`;
  });
  const breakdown = requestBreakdown(runs);
  const largest = runs.filter((r) => r.delivered > 0).at(-1);
  if (largest) {
    const total = [...largest.usage.requests.values()].reduce((a, b) => a + b, 0);
    writeFileSync(
      new URL('./fan-out-measured.json', import.meta.url),
      `${JSON.stringify({ measuredOn: new Date().toISOString().slice(0, 10), subscribers: largest.subscribers, channel: 'email', requestsPerDelivery: total / largest.delivered, writeUnitsPerDelivery: largest.usage.writeUnits / largest.delivered, readUnitsPerDelivery: largest.usage.readUnits / largest.delivered, cpuMsPerDelivery: largest.cpuMs / largest.delivered }, null, 2)}\n`,
    );
  }
  return [
    '## Fan-out at scale, local mode',
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; DynamoDB Local (in memory); ${new Date().toISOString().slice(0, 10)}. Command: \`npx tsx bench/fan-out.ts\`.`,
    'One CLEAR security alert for Kenya published through the API over HTTP, with N active email subscriptions to Kenya, on the real local runtime',
    '(DynamoDB Local stream → poller → announce → in-process SNS/SQS bus → email workers → outbox). Times run from the start of the `/publish` call to',
    'the first and the last send; every send is counted per address as it reaches the email sender, so "duplicates" and "missing" are exact.',
    'DynamoDB requests are every command the platform sent from the publish call until the queue was empty (plan, parts, chunks, progress, rate counters, the publish itself).',
    '',
    'Write and read units are DynamoDB capacity units consumed per delivery (as DynamoDB Local reports them); CPU is this process\'s CPU time per delivery.',
    '',
    '| subscribers | first delivery | last delivery | deliveries/s | delivered | duplicates | missing | DynamoDB requests (per delivery) | write / read units per delivery | CPU per delivery | peak RSS | setup |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'Requests by command:',
    '',
    ...breakdown,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('fan-out.ts')) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  void runFanOutBench(sizes.length ? sizes : undefined).then((section) => {
    console.log(section);
    writeResultsSection(section);
  });
}
