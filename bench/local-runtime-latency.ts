/**
 * Latency of the local runtime's two hand-offs, each measured alone with its
 * `npm start` defaults:
 * - bus: `sendMessage` to the queue's handler being called, on a queue with
 *   no batching window (the SMS queue of the topology), one message at a
 *   time with a small varying gap between them, so samples fall at every
 *   point of any polling cycle;
 * - stream: a `PutItem` to DynamoDB Local (in memory) resolving to the
 *   stream poller calling its handler with that item's record.
 * Bounded in count: BENCH_BUS_MESSAGES (default 1,000) and
 * BENCH_STREAM_WRITES (default 200).
 *
 * `npx tsx bench/local-runtime-latency.ts` prints a Markdown section and
 * writes it to bench/results.md.
 */
import os from 'node:os';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { createMessageBus } from '../infra/local/message-bus';
import { createStreamPoller, latestStreamArn } from '../infra/local/stream-poller';
import { writeResultsSection } from './results-file';

const BUS_MESSAGES = Number(process.env.BENCH_BUS_MESSAGES ?? 1_000);
const STREAM_WRITES = Number(process.env.BENCH_STREAM_WRITES ?? 200);
const WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A gap of 0–12 ms that varies from sample to sample without a random source, so runs repeat. */
const gap = (i: number) => (i * 7) % 13;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** Waits until `arrived` has an entry for `key` (polling the map, not the system under test). */
async function arrival(arrived: ReadonlyMap<string, number>, key: string): Promise<number | undefined> {
  const deadline = performance.now() + WAIT_MS;
  while (!arrived.has(key) && performance.now() < deadline) await sleep(1);
  return arrived.get(key);
}

async function busSamples(): Promise<{ samples: number[]; lost: number }> {
  const bus = createMessageBus();
  const arrived = new Map<string, number>();
  bus.registerConsumer('sms', async (event) => {
    const at = performance.now();
    for (const record of event.Records) arrived.set(record.body, at);
  });
  bus.start();
  const samples: number[] = [];
  let lost = 0;
  try {
    for (let i = 0; i < BUS_MESSAGES; i += 1) {
      await sleep(gap(i));
      const body = `m${i}`;
      const sent = performance.now();
      await bus.sendMessage('sms', body);
      const at = await arrival(arrived, body);
      if (at === undefined) lost += 1;
      else samples.push(at - sent);
    }
  } finally {
    await bus.stop();
  }
  return { samples, lost };
}

async function streamSamples(): Promise<{ samples: number[]; lost: number }> {
  const ddb = await startDynamoDbLocal();
  const config = { endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const client = new DynamoDBClient(config);
  const samples: number[] = [];
  let lost = 0;
  try {
    await createTable(client, 'bench-stream');
    const arrived = new Map<string, number>();
    const poller = createStreamPoller({
      client: new DynamoDBStreamsClient(config),
      streamArn: await latestStreamArn(client, 'bench-stream'),
      handler: async (event) => {
        const at = performance.now();
        for (const record of event.Records) {
          const pk = record.dynamodb.Keys.pk;
          if (pk && 'S' in pk) arrived.set(pk.S, at);
        }
      },
    });
    await poller.start();
    try {
      for (let i = 0; i < STREAM_WRITES; i += 1) {
        await sleep(gap(i) * 5);
        const pk = `bench#${i}`;
        await client.send(new PutItemCommand({ TableName: 'bench-stream', Item: { pk: { S: pk }, sk: { S: 'x' } } }));
        const written = performance.now();
        const at = await arrival(arrived, pk);
        if (at === undefined) lost += 1;
        else samples.push(at - written);
      }
    } finally {
      await poller.stop();
    }
  } finally {
    await ddb.stop();
  }
  return { samples, lost };
}

function row(label: string, { samples, lost }: { samples: number[]; lost: number }): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (value: number) => value.toFixed(1);
  return `| ${label} | ${samples.length} | ${lost} | ${f(percentile(sorted, 50))} | ${f(percentile(sorted, 90))} | ${f(percentile(sorted, 99))} | ${f(sorted.at(-1) ?? Number.NaN)} |`;
}

/** Runs both measurements and returns the results.md section. */
async function runLocalRuntimeLatencyBench(): Promise<string> {
  const load = os.loadavg()[0]?.toFixed(1) ?? 'unknown';
  const bus = await busSamples();
  const stream = await streamSamples();
  return [
    '## Local runtime hand-off latency',
    '',
    `Recorded ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}; reproduce with`,
    `\`npx tsx bench/local-runtime-latency.ts\` (BENCH_BUS_MESSAGES=${BUS_MESSAGES} BENCH_STREAM_WRITES=${STREAM_WRITES}). Each sample is one message or`,
    `write on an otherwise idle runtime, with a varying gap before it; milliseconds. Machine load average at the start: ${load}.`,
    'Before decisions 0050 and 0051 (the bus polled every 100 ms, the stream poller every 250 ms) the same script measured',
    'p50 93.9 / p99 99.8 ms for the bus and p50 218.3 / p99 251.5 ms for the stream.',
    '',
    '| hand-off | samples | lost | p50 ms | p90 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('bus: `sendMessage` → SMS handler (no batching window)', bus),
    row('stream: DynamoDB Local `PutItem` → stream handler', stream),
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('local-runtime-latency.ts')) {
  void runLocalRuntimeLatencyBench().then((section) => {
    console.log(section);
    if (process.env.BENCH_WRITE !== '0') writeResultsSection(section);
  });
}
