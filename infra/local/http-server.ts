import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

/**
 * How long the local server waits for a client. Node's defaults (a minute
 * for headers, five for a request) let a client that sends one header byte
 * every few seconds hold a connection open for minutes; a few dozen such
 * clients hold the server. Real clients send their headers in milliseconds.
 */
export const LOCAL_SERVER_TIMEOUTS = {
  /** The request line and headers must arrive within this (ms). */
  headersTimeout: 5_000,
  /** The whole request, body included (ms); bodies are at most 256 KiB. */
  requestTimeout: 30_000,
  /** An idle keep-alive connection is closed after this (ms). */
  keepAliveTimeout: 5_000,
  /** How often Node checks the two timeouts above (ms); its default, 30 s, would let a slow client stay six times too long. */
  connectionsCheckingInterval: 1_000,
} as const;

/**
 * Serves `fetch` on `hostname:port` (port 0: any free one) with the
 * timeouts above, and resolves once the port accepts connections.
 *
 * @example
 * const { server, port } = await serveLocal(app.fetch, { hostname: '127.0.0.1', port: 3000 });
 */
export function serveLocal(fetch: (request: Request) => Response | Promise<Response>, listen: { hostname: string; port: number }): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: listen.hostname, port: listen.port, serverOptions: { ...LOCAL_SERVER_TIMEOUTS } }, (info: AddressInfo) => resolve({ server, port: info.port }));
  });
}
