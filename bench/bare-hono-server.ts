/**
 * The reference ceiling for the feed comparison: a bare Hono app on
 * @hono/node-server with one route returning the same bytes and headers
 * from memory, no middleware. Its own process, like the API.
 *
 * Env: BENCH_BARE_FILE (the bytes), BENCH_BARE_PATH, BENCH_BARE_HEADERS (JSON), BENCH_PORT. Sends 'ready' over IPC.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const body = readFileSync(process.env.BENCH_BARE_FILE ?? '');
const headers = JSON.parse(process.env.BENCH_BARE_HEADERS ?? '{}') as Record<string, string>;
const app = new Hono();
app.get(process.env.BENCH_BARE_PATH ?? '/', () => new Response(body, { status: 200, headers }));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.BENCH_PORT) }, () => process.send?.('ready'));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('disconnect', stop);
