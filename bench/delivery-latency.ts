/**
 * Publish-to-delivery latency in local mode: the real API over HTTP, the
 * real local runtime (DynamoDB Local's stream → poller → announce → bus →
 * delivery workers), the outbox, and a real webhook receiver on 127.0.0.1,
 * with 10,000 subscriptions in the table (spread over every country, so a
 * publish for Kenya also fans out to its ~50 of them).
 *
 * Measures, per publish, from the start of the `POST /v1/publications/{id}/publish`
 * call to (a) the email's outbox record, (b) the SMS's outbox record and
 * (c) the webhook's arrival at the receiver. Bounded: BENCH_PUBLISHES
 * publishes (default 30), each waited for at most 20 s.
 *
 * `npx tsx bench/delivery-latency.ts` prints a Markdown section and writes
 * it into bench/results.md;
 * `runDeliveryLatencyBench()` returns it for bench/run.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { createApp } from '../functions/api/app';
import { localApiDeps } from '../functions/wiring/local';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { silentLogger } from '../shared/adapters/system/json-logger';
import { allCountries } from '../shared/domain/country';
import type { Subscription } from '../shared/domain/subscription';
import { issueApiKey } from '../shared/services/api-keys';
import { freePort, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { startLocalRuntime } from '../infra/local/runtime';
import { topology } from '../shared/topology';
import { writeResultsSection } from './results-file';
import { benchSubscription, seedSubscriptions } from './seed-subscriptions';

const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 30);
const SUBSCRIPTIONS = Number(process.env.BENCH_LATENCY_SUBSCRIPTIONS ?? 10_000);
const WAIT_MS = 20_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs the bench and returns the results.md section. */
export async function runDeliveryLatencyBench(): Promise<string> {
  const ddb = await startDynamoDbLocal();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const hooks = new Map<string, number>();
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { publication: { id: string } }).publication.id;
      if (!hooks.has(id)) hooks.set(id, at);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const samples = { email: [] as number[], sms: [] as number[], webhook: [] as number[] };
  let seedMs: number;
  let lost = 0;
  try {
    const table = 'bench-latency';
    await createTable(new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), table);
    const deps = localApiDeps({ endpoint: ddb.endpoint, tableName: table, baseUrl, logger: silentLogger });
    const countries = allCountries().map((c) => c.code);
    const channels = ['email', 'email', 'email', 'sms'] as const;
    const seedStart = performance.now();
    await seedSubscriptions(createDocumentClient({ tableName: table, endpoint: ddb.endpoint }), table, SUBSCRIPTIONS, (i) => {
      const country = countries[i % countries.length]!;
      return { scope: `c:${country}`, subscription: benchSubscription(i, channels[i % channels.length]!, { countries: [country], regions: [], kinds: [] }) };
    });
    seedMs = performance.now() - seedStart;

    const now = deps.clock.now();
    await deps.directory.putOrganization({ id: 'ORGPUB', name: 'Bench publishers', type: 'publisher', createdAt: now });
    await deps.directory.putOrganization({ id: 'ORGMEM', name: 'Bench member', type: 'member', createdAt: now });
    await deps.directory.putPerson({ id: 'PUB1', orgId: 'ORGPUB', name: 'Publisher', email: 'publisher@bench.invalid', role: 'publisher', createdAt: now });
    const { key } = await issueApiKey(deps, { system: 'bench' }, { personId: 'PUB1', orgId: 'ORGPUB', role: 'publisher' }, 'bench', ['read', 'write']);
    const measured: Subscription[] = [
      { id: deps.ids.next(), channel: 'email', address: 'measured@bench.invalid', status: 'active', createdAt: now, filters: { countries: ['KE'], regions: [], kinds: [] } },
      { id: deps.ids.next(), channel: 'sms', address: '+15550000001', unsubscribeCode: 'benchcode0', status: 'active', createdAt: now, filters: { countries: ['KE'], regions: [], kinds: [] } },
      { id: deps.ids.next(), channel: 'webhook', url: hookUrl, secret: 'bench-secret', orgId: 'ORGMEM', status: 'active', createdAt: now, filters: { countries: ['KE'], regions: [], kinds: [] } },
    ];
    for (const subscription of measured) await deps.subscriptions.create(subscription, []);

    const { app } = createApp(deps);
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
    const runtime = await startLocalRuntime({ deps, endpoint: ddb.endpoint, tableName: table, schedules: false });
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const outbox = deps.outbox!;
    const arrived = (to: string, id: string) => outbox.list().some((m) => m.to === to && m.text.includes(`/publications/${id}`));
    try {
      for (let i = 0; i < PUBLISHES; i += 1) {
        const draft = await api('POST', '/v1/publications', {
          kind: 'security-alert', title: `Bench alert ${i}`, countries: ['KE'], summary: 'Demonstrations expected downtown.', body: 'Avoid the area.', sharing: 'TLP:CLEAR', actions: ['Avoid crowds'],
        });
        const id = ((await draft.json()) as { id: string }).id;
        const started = performance.now();
        const published = await api('POST', `/v1/publications/${id}/publish`);
        if (published.status !== 200) throw new Error(`publish answered ${published.status}`);
        const got: Partial<Record<keyof typeof samples, number>> = {};
        while (performance.now() - started < WAIT_MS && (got.email === undefined || got.sms === undefined || got.webhook === undefined)) {
          if (got.email === undefined && arrived('measured@bench.invalid', id)) got.email = performance.now() - started;
          if (got.sms === undefined && arrived('+15550000001', id)) got.sms = performance.now() - started;
          if (got.webhook === undefined && hooks.has(id)) got.webhook = hooks.get(id)! - started;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        for (const channel of ['email', 'sms', 'webhook'] as const) {
          if (got[channel] === undefined) lost += 1;
          else samples[channel].push(got[channel]);
        }
      }
    } finally {
      await runtime.stop();
      server.close();
    }
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
    await ddb.stop();
  }

  const row = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const f = (p: number) => (percentile(sorted, p) / 1000).toFixed(2);
    return `| ${label} | ${values.length} | ${f(50)} s | ${f(90)} s | ${f(99)} s | ${(sorted[0]! / 1000).toFixed(2)} s | ${(sorted.at(-1)! / 1000).toFixed(2)} s |`;
  };
  const windows = Object.entries(topology.queues)
    .map(([channel, queue]) => `${channel} ${queue.consumer.maxBatchingWindowSeconds} s`)
    .join(', ');
  return [
    '## Publish-to-delivery latency, local mode',
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; DynamoDB Local (in memory); ${new Date().toISOString().slice(0, 10)}.`,
    `${PUBLISHES} CLEAR security alerts for Kenya published one after another through the API over HTTP, with ${SUBSCRIPTIONS.toLocaleString('en-US')} subscriptions in the table`,
    `(spread over every country: each publish also fans out to Kenya's ~${Math.round(SUBSCRIPTIONS / allCountries().length)}); setup ${(seedMs / 1000).toFixed(1)} s. Time from the start of the \`/publish\` call to the measured`,
    'subscriber\'s outbox record (email, SMS) or the webhook\'s arrival at a receiver on 127.0.0.1. The path: DynamoDB Local stream (polled every 50 ms when idle) →',
    `announce → plan (one read of the marked shards) → in-process SNS/SQS bus (a batch starts when a message is sent), honouring each queue's batching window from the topology (${windows}) → part workers.`,
    `Load average ${os.loadavg()[0]!.toFixed(1)} when it ended. ${PUBLISHES < 100 ? `With ${PUBLISHES} samples p99 is the slowest one.` : ''}${lost > 0 ? ` ${lost} deliveries did not arrive within ${WAIT_MS / 1000} s.` : ' Every delivery arrived.'}`,
    '',
    '| channel | samples | p50 | p90 | p99 | min | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('email (outbox)', samples.email),
    row('SMS (outbox)', samples.sms),
    row('webhook (receipt)', samples.webhook),
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('delivery-latency.ts')) {
  void runDeliveryLatencyBench().then((section) => {
    console.log(section);
    writeResultsSection(section);
  });
}
