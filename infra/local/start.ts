import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTable } from '../../shared/adapters/dynamodb/create-table';
import { createApp } from '../../functions/api/app';
import { localApiDeps } from '../../functions/wiring/local';
import { startBanner } from './banner';
import { startLocalRuntime } from './runtime';
import { rebuildSearchIndex } from '../../shared/services/rebuild-search-index';
import { JavaMissingError, startDynamoDbLocal } from './dynamodb-local';
import { isSeeded, seedDemo, type DemoCredentials } from './seed';

/**
 * `npm start`: the whole platform on one machine. DynamoDB Local (in memory,
 * or under .data/ with --persist), the API and pages on 127.0.0.1:$PORT,
 * seed data, and the local runtime (stream poller, bus and workers, schedules).
 */
// DATA_DIR moves the --persist data (tests run a platform in a temporary directory); `.data` by default.
const DATA_DIR = process.env.DATA_DIR ?? '.data';
const DEMO_FILE = `${DATA_DIR}/demo.json`;
const TABLE_NAME = 'outpost';

/** With --persist, links in messages must stay valid across restarts. */
function persistentSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

async function main(): Promise<void> {
  const started = performance.now();
  const persist = process.argv.includes('--persist');
  const port = Number(process.env.PORT ?? 3000);
  const baseUrl = `http://127.0.0.1:${port}`;

  const ddb = await startDynamoDbLocal(persist ? { dataDir: `${DATA_DIR}/dynamodb` } : {});
  const shutdownTasks: (() => Promise<void>)[] = [() => ddb.stop()];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Outpost…`);
    for (const task of shutdownTasks.reverse()) await task().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await createTable(client, TABLE_NAME);
  mkdirSync(DATA_DIR, { recursive: true });
  const deps = localApiDeps({
    endpoint: ddb.endpoint,
    tableName: TABLE_NAME,
    baseUrl,
    linkSecret: persist ? persistentSecret(`${DATA_DIR}/link-secret`) : undefined,
    // Real email as well as the outbox, e.g. SMTP_URL=smtp://127.0.0.1:1025 for Mailpit.
    smtpUrl: process.env.SMTP_URL || undefined,
    smtpFrom: process.env.SMTP_FROM || undefined,
  });

  let demo: DemoCredentials;
  if (persist && existsSync(DEMO_FILE) && (await isSeeded(deps))) {
    demo = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoCredentials;
    demo.baseUrl = baseUrl;
  } else {
    demo = await seedDemo(deps, baseUrl);
  }
  writeFileSync(DEMO_FILE, `${JSON.stringify(demo, null, 2)}\n`);
  // The seed bypassed the stream (see below), so the search index is built from the table once.
  await rebuildSearchIndex(deps);

  // After the seed: the stream poller starts at LATEST, so seed data is not announced.
  // Stream poller, bus with the delivery workers, and the topology's schedules on timers.
  const runtime = await startLocalRuntime({ deps, endpoint: ddb.endpoint, tableName: TABLE_NAME });
  shutdownTasks.push(() => runtime.stop());

  const { app } = createApp(deps);
  // The banner below says "running": print it only once the port accepts connections.
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer) => {
    const listening = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolveServer(listening));
  });
  // Shutdown runs in reverse: the server, then the runtime (poller, bus), then DynamoDB Local.
  shutdownTasks.push(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(startBanner({ baseUrl, demo, dataDir: persist ? DATA_DIR : undefined, demoFile: DEMO_FILE, seconds }));
}

main().catch((error: unknown) => {
  if (error instanceof JavaMissingError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
