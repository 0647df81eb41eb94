import { connect, type Socket } from 'node:net';
import { request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app';
import { freePort } from '../../../infra/local/dynamodb-local';
import { LOCAL_SERVER_TIMEOUTS, serveLocal } from '../../../infra/local/http-server';
import { makeHarness, type Harness } from '../../support/harness';

/**
 * The local server as `npm start` runs it, on 127.0.0.1.
 * Finding 8: it answers only its own host names (DNS rebinding).
 * Finding 11: clients that trickle their headers are cut off.
 */
let h: Harness;
let server: Server;
let port: number;

beforeAll(async () => {
  port = await freePort();
  const base = await makeHarness();
  const baseUrl = `http://127.0.0.1:${port}`;
  h = { ...base, deps: { ...base.deps, baseUrl, config: { ...base.deps.config, baseUrl } } };
  const { app } = createApp(h.deps);
  ({ server } = (await serveLocal(app.fetch, { hostname: '127.0.0.1', port })) as { server: Server });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** GET `path` on the local server with the given Host header. */
function get(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('host names (DNS rebinding)', () => {
  it('answers 421 to any Host but its own names, before any route: the outbox, sign-in and cached feeds', async () => {
    expect((await get('/feeds/all.atom', `127.0.0.1:${port}`)).status).toBe(200);
    for (const host of [`attacker.example:${port}`, 'attacker.example', `127.0.0.1:${port + 1}`, `localhost.attacker.example:${port}`]) {
      for (const path of ['/v1/dev/outbox', '/dev/outbox', '/sign-in', '/feeds/all.atom', '/v1/health']) {
        const res = await get(path, host);
        expect(res.status, `${host} ${path}`).toBe(421);
        expect(JSON.parse(res.body)).toMatchObject({ status: 421, type: '/problems/misdirected-request' });
      }
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await get('/v1/health', host)).status, host).toBe(200);
    }
  });

  it('checks nothing in AWS, where the edge decides which names reach the API', async () => {
    const aws = createApp({ ...h.deps, config: { ...h.deps.config, mode: 'aws', sessionSecret: 'x'.repeat(32) } }).app;
    expect((await aws.request(new Request('https://d111111abcdef8.cloudfront.net/v1/health'))).status).toBe(200);
  });
});

describe('slow clients', () => {
  it('closes connections that trickle their headers within a few seconds, and keeps answering others meanwhile', { timeout: 30_000 }, async () => {
    const started = performance.now();
    const closedAfter: Promise<number>[] = [];
    const sockets: Socket[] = [];
    for (let i = 0; i < 40; i++) {
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      closedAfter.push(
        new Promise((resolve) => {
          socket.on('error', () => {});
          socket.on('close', () => resolve(performance.now() - started));
        }),
      );
      socket.write(`GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    }
    // One header byte a second from each, far below any real client's pace.
    const drip = setInterval(() => sockets.forEach((s) => s.writable && s.write('a')), 1000);
    try {
      expect((await get('/v1/health', `127.0.0.1:${port}`)).status).toBe(200);
      const times = await Promise.all(closedAfter);
      for (const ms of times) expect(ms).toBeLessThan(LOCAL_SERVER_TIMEOUTS.headersTimeout + 3 * LOCAL_SERVER_TIMEOUTS.connectionsCheckingInterval + 1000);
    } finally {
      clearInterval(drip);
      sockets.forEach((s) => s.destroy());
    }
    expect(server.headersTimeout).toBe(LOCAL_SERVER_TIMEOUTS.headersTimeout);
    expect(server.requestTimeout).toBe(LOCAL_SERVER_TIMEOUTS.requestTimeout);
    expect(server.keepAliveTimeout).toBe(LOCAL_SERVER_TIMEOUTS.keepAliveTimeout);
  });
});
