import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTable } from '../../shared/adapters/dynamodb/create-table';
import { createApp } from '../../functions/api/app';
import { localApiDeps } from '../../functions/wiring/local';
import { startBanner } from './banner';
import { serveLocal } from './http-server';
import { startLocalRuntime, type LocalRuntimeOptions } from './runtime';
import { startDynamoDbLocal } from './dynamodb-local';
import { rebuildSearchIndex } from '../../shared/services/rebuild-search-index';
import { isSeeded, seedDemo, type DemoCredentials } from './seed';

/** What `npm start` is started with. */
export interface PlatformOptions {
  port: number;
  /** Keep the data (DynamoDB Local, the link secret, the stream poller's checkpoints) under `dataDir` across restarts. */
  persist: boolean;
  /** Where `demo.json` goes, and the data with `persist`. */
  dataDir: string;
  /** Real email as well as the outbox, e.g. `smtp://127.0.0.1:1025` for Mailpit. */
  smtpUrl?: string;
  smtpFrom?: string;
  /** Hooks into the runtime for fault-injection tests; `npm start` passes none. */
  runtime?: Pick<LocalRuntimeOptions, 'wrapAnnounce'>;
}

/** A started platform: the text to print, and how to stop it. */
export interface RunningPlatform {
  /** The start-up banner: URLs and demo credentials. */
  banner: string;
  /** Stops the server, then the runtime (poller, bus), then DynamoDB Local. */
  stop(): Promise<void>;
}

const TABLE_NAME = 'outpost';

/** With --persist, links in messages must stay valid across restarts. */
function persistentSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

/**
 * The whole platform on one machine: DynamoDB Local (in memory, or under
 * `dataDir` with `persist`), seed data, the local runtime (stream poller,
 * bus and workers, schedules), and the API and pages on 127.0.0.1. Resolves
 * once the port accepts connections.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const started = performance.now();
  const { persist, dataDir, port } = options;
  const demoFile = `${dataDir}/demo.json`;
  const baseUrl = `http://127.0.0.1:${port}`;
  const ddb = await startDynamoDbLocal(persist ? { dataDir: `${dataDir}/dynamodb` } : {});
  // Run in reverse on stop; started pieces are stopped even if a later one fails to start.
  const stopTasks: (() => Promise<void>)[] = [() => ddb.stop()];
  const stop = async () => {
    for (const task of stopTasks.reverse()) await task().catch(() => {});
  };
  try {
    const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await createTable(client, TABLE_NAME);
    mkdirSync(dataDir, { recursive: true });
    const deps = localApiDeps({
      endpoint: ddb.endpoint,
      tableName: TABLE_NAME,
      baseUrl,
      linkSecret: persist ? persistentSecret(`${dataDir}/link-secret`) : undefined,
      smtpUrl: options.smtpUrl,
      smtpFrom: options.smtpFrom,
    });

    let demo: DemoCredentials;
    if (persist && existsSync(demoFile) && (await isSeeded(deps))) {
      demo = JSON.parse(readFileSync(demoFile, 'utf8')) as DemoCredentials;
      demo.baseUrl = baseUrl;
    } else {
      demo = await seedDemo(deps, baseUrl);
    }
    writeFileSync(demoFile, `${JSON.stringify(demo, null, 2)}\n`);
    // The seed bypassed the stream (see below), so the search index is built from the table once.
    await rebuildSearchIndex(deps);

    // After the seed: on a first start the stream poller pins LATEST, so seed data is not announced.
    // With --persist its checkpoints are kept in a file, and a restart resumes after them.
    const runtime = await startLocalRuntime({
      ...options.runtime,
      deps,
      endpoint: ddb.endpoint,
      tableName: TABLE_NAME,
      ...(persist ? { streamCheckpointFile: `${dataDir}/stream-checkpoints.json` } : {}),
    });
    stopTasks.push(() => runtime.stop());

    const { app } = createApp({ ...deps, schedules: runtime.schedules });
    // The banner says "running": it is returned only once the port accepts connections. Slow clients are cut off (http-server.ts).
    const { server } = await serveLocal(app.fetch, { hostname: '127.0.0.1', port });
    stopTasks.push(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return { banner: startBanner({ baseUrl, demo, dataDir: persist ? dataDir : undefined, demoFile, seconds }), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
