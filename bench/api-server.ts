/**
 * The API as a separate process for the load benchmarks, so that it does
 * not share an event loop with the bench or the load generator. Wired as
 * local mode (DynamoDB Local), but logging one JSON line per request at
 * info level as it does in AWS; the parent points stdout at /dev/null.
 *
 * Env: BENCH_DDB_ENDPOINT, BENCH_TABLE, BENCH_PORT. Sends 'ready' over IPC.
 */
import { serve } from '@hono/node-server';
import { createApp } from '../functions/api/app';
import { localApiDeps } from '../functions/wiring/local';
import { jsonLogger } from '../shared/adapters/system/json-logger';

const endpoint = process.env.BENCH_DDB_ENDPOINT;
const tableName = process.env.BENCH_TABLE;
const port = Number(process.env.BENCH_PORT);
if (!endpoint || !tableName || !port) throw new Error('BENCH_DDB_ENDPOINT, BENCH_TABLE and BENCH_PORT are required');
const baseUrl = `http://127.0.0.1:${port}`;

const deps = localApiDeps({ endpoint, tableName, baseUrl, logger: jsonLogger({ service: 'outpost-api' }) });
const { app } = createApp(deps);
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => process.send?.('ready'));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
