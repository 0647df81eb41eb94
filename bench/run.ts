/**
 * `npm run bench`: read-path latency and throughput of the API in local
 * mode, and DynamoDB requests per public request. Starts its own DynamoDB
 * Local and API on 127.0.0.1, loads them with a bounded number of requests,
 * and writes bench/results.md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { serve } from '@hono/node-server';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createApp } from '../functions/api/app';
import type { ApiDeps } from '../functions/api/env';
import { dynamoDeps } from '../functions/wiring/dynamo-deps';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { systemClock, ulidIds } from '../shared/adapters/system/clock';
import { silentLogger } from '../shared/adapters/system/json-logger';
import { memoryOutbox } from '../shared/adapters/outbox/memory-outbox';
import { hmacLinkSigner } from '../shared/adapters/system/hmac-link-signer';
import { randomBytes } from 'node:crypto';
import { freePort, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { seedDemo } from '../infra/local/seed';
import { measure, type Measurement } from './load';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function main(): Promise<void> {
  const ddb = await startDynamoDbLocal();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await createTable(new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), 'bench');
    const db = createDocumentClient({ tableName: 'bench', endpoint: ddb.endpoint });
    let dynamoCalls = 0;
    // Count every request the store sends, to report DynamoDB calls per HTTP request.
    db.middlewareStack.add(
      (next) => async (args) => {
        dynamoCalls += 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchCounter' },
    );
    const ids = ulidIds();
    const outbox = memoryOutbox(systemClock, ids);
    const deps: ApiDeps = {
      ...dynamoDeps(db, 'bench', systemClock, ids),
      email: outbox,
      sms: outbox,
      links: hmacLinkSigner(randomBytes(32).toString('base64url')),
      baseUrl,
      logger: silentLogger,
      config: { mode: 'local', baseUrl, maxBodyBytes: 262_144 },
    };
    await seedDemo(deps, baseUrl);
    const { app } = createApp(deps);
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
    const targets = ['/v1/health', '/v1/countries', '/v1/countries/KE', '/v1/publications?limit=20', '/v1/publications?country=KE&limit=20'];
    const rows: (Measurement & { path: string; dynamoPerRequest: number })[] = [];
    for (const path of targets) {
      await measure(`${baseUrl}${path}`, 50, 4); // warm-up
      const before = dynamoCalls;
      const m = await measure(`${baseUrl}${path}`, REQUESTS, CONCURRENCY);
      rows.push({ ...m, path, dynamoPerRequest: (dynamoCalls - before) / m.requests });
      console.log(`${path}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, errors ${m.errors}`);
    }
    server.close();
    writeResults(rows);
  } finally {
    await ddb.stop();
  }
}

function writeResults(rows: (Measurement & { path: string; dynamoPerRequest: number })[]): void {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmark results',
    '',
    `Recorded ${new Date().toISOString()} on ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    `Reproduce with \`npm run bench\` (BENCH_REQUESTS=${REQUESTS}, BENCH_CONCURRENCY=${CONCURRENCY}). The API and DynamoDB Local run`,
    'on the same two cores as the load generator, so these figures are a floor, not a capacity.',
    '',
    '## API read path, local mode (seeded demo data)',
    '',
    '| request | requests | errors | req/s | p50 ms | p99 ms | DynamoDB calls per request |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| \`GET ${r.path}\` | ${r.requests} | ${r.errors} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.dynamoPerRequest.toFixed(2)} |`),
    '',
    'Each request authenticates nothing (anonymous) and reads DynamoDB directly: the in-memory feed and page cache is not built yet.',
    '',
  ];
  writeFileSync(new URL('./results.md', import.meta.url), lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
