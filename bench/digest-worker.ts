/**
 * The worker side of bench/digests.ts, in a process of its own so that its
 * memory is the worker's and nothing else's: the `send-digests` schedule
 * run and the email workers on the in-process bus, against a table the
 * parent has seeded. The email sender stands for SES (one call a bulk
 * send, nothing kept); sends are counted in one byte per subscriber, so
 * the count costs 100 KiB at 100,000 and the measured heap is the run's.
 * Heap and RSS are sampled every 20 ms, and the heap after a full GC
 * (what is still alive) every second. The result goes to the parent
 * over IPC.
 */
import { schedulerHandler } from '../functions/scheduler/handler';
import { localApiDeps, localSchedulerDeps } from '../functions/wiring/local';
import type { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { silentLogger } from '../shared/adapters/system/json-logger';
import type { BulkEmail, BulkEmailResult } from '../shared/ports/messaging';
import { createMessageBus } from '../infra/local/message-bus';
import { busRequeue, registerWorkers } from '../infra/local/workers';
import { meter, type Usage } from './fan-out';

/** What the worker process reports for one run. */
export interface WorkerRun {
  runMs: number;
  delivered: number;
  duplicates: number;
  missing: number;
  usage: Usage;
  baseRssMiB: number;
  peakRssMiB: number;
  baseHeapMiB: number;
  peakHeapMiB: number;
  /** The largest heap left after a full GC, forced every second of the run. */
  peakLiveHeapMiB: number;
}

const MIB = 2 ** 20;

async function main(): Promise<WorkerRun> {
  const endpoint = process.env.BENCH_DDB_ENDPOINT!;
  const tableName = process.env.BENCH_TABLE!;
  const n = Number(process.env.BENCH_DIGEST_N);
  const at = process.env.BENCH_DIGEST_AT!;
  const waitMs = Number(process.env.BENCH_DIGEST_WAIT_S ?? 900) * 1000;

  const deps = localApiDeps({ endpoint, tableName, baseUrl: 'http://127.0.0.1:3000', logger: silentLogger });
  let counting: Usage | undefined;
  const clients = new Set([deps.deliveries, deps.subscriptions, deps.rateLimits, deps.publications, deps.digests, deps.held].map((store) => (store as unknown as { db?: ReturnType<typeof createDocumentClient> }).db));
  for (const client of clients) if (client) meter(client, () => counting);

  // Bench addresses are `bench<i>@example.invalid` (bench/seed-subscriptions.ts): one counter byte per subscriber.
  const sends = new Uint8Array(n);
  let delivered = 0;
  const count = (to: string) => {
    const i = Number(to.slice('bench'.length, to.indexOf('@')));
    if (sends[i] === 0) delivered += 1;
    sends[i] = Math.min(255, (sends[i] ?? 0) + 1);
  };
  let sequence = 0;
  const email = {
    async sendEmail(message: { to: string }) {
      count(message.to);
      return { messageId: `bench-${(sequence += 1)}` };
    },
    async sendBulkEmail(bulk: BulkEmail): Promise<BulkEmailResult[]> {
      return bulk.destinations.map((d) => {
        count(d.to);
        return { status: 'sent', messageId: `bench-${(sequence += 1)}` };
      });
    },
  };
  const runDeps = { ...deps, email };
  const bus = createMessageBus({ backoff: () => 1000 });
  registerWorkers(bus, runDeps, {});
  bus.start();

  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  // What is still alive, not garbage yet to be collected: a full GC every second (a few ms on this heap) and the heap after it.
  let peakLive = base.heapUsed;
  const liveSampler = setInterval(() => {
    global.gc?.();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  }, 1000);

  counting = { requests: new Map(), readUnits: 0, writeUnits: 0 };
  const started = performance.now();
  await schedulerHandler(localSchedulerDeps(runDeps, busRequeue(bus)))({ task: 'send-digests', at });
  while (performance.now() - started < waitMs && (delivered < n || bus.depth('email') + bus.inFlight('email') > 0)) {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const runMs = performance.now() - started;
  clearInterval(liveSampler);
  const usage = counting;
  counting = undefined;
  await bus.stop();
  return {
    runMs,
    delivered,
    duplicates: sends.filter((c) => c > 1).length,
    missing: n - delivered,
    usage,
    baseRssMiB: Math.round(base.rss / MIB),
    peakRssMiB: Math.round(peakRss / MIB),
    baseHeapMiB: Math.round(base.heapUsed / MIB),
    peakHeapMiB: Math.round(peakHeap / MIB),
    peakLiveHeapMiB: Math.round(peakLive / MIB),
  };
}

void main().then(
  (run) => process.send!(run, () => process.exit(0)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
