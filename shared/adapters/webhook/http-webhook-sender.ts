import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isForbiddenAddress, isLoopbackHost, isWebhookPort, WEBHOOK_PORTS } from '../../domain/webhook-url';
import type { WebhookRequest, WebhookResult, WebhookSender } from '../../ports/webhook-sender';

export interface HttpWebhookOptions {
  /** Local mode only: loopback endpoints (and plain http to them) are allowed. */
  allowLoopback: boolean;
  /** Injectable resolver (tests); defaults to the system's. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}

function allowed(address: string, allowLoopback: boolean): boolean {
  if (allowLoopback && isLoopbackHost(address)) return true;
  return !isForbiddenAddress(address);
}

/**
 * POSTs webhooks with node:http(s), guarded against SSRF at send time: the
 * host is resolved here, EVERY resolved address must be public (loopback
 * only in local mode), and the socket connects to the address that was
 * checked (the request's `lookup` returns it), so a DNS answer that changes
 * between check and connect (rebinding) cannot redirect it. Redirects are
 * never followed. TLS still verifies the certificate against the host name.
 */
export function httpWebhookSender(options: HttpWebhookOptions): WebhookSender {
  const resolve =
    options.resolve ??
    ((host: string) =>
      new Promise<LookupAddress[]>((ok, fail) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? fail(error) : ok(addresses)))));

  const pinnedLookup =
    (host: string): LookupFunction =>
    (_hostname, lookupOptions, callback) => {
      resolve(host).then(
        (addresses) => {
          if (addresses.length === 0) return callback(new Error('no addresses'), '', 4);
          const bad = addresses.find((a) => !allowed(a.address, options.allowLoopback));
          if (bad) return callback(new RefusedError('host resolves to a private, loopback, link-local or metadata address'), '', 4);
          const first = addresses[0]!;
          if ((lookupOptions as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, [first]);
          return callback(null, first.address, first.family);
        },
        (error: unknown) => callback(error as NodeJS.ErrnoException, '', 4),
      );
    };

  return {
    async post(request: WebhookRequest): Promise<WebhookResult> {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return { kind: 'refused', reason: 'invalid URL' };
      }
      const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.allowLoopback && isLoopbackHost(host))) {
        return { kind: 'refused', reason: 'only https endpoints (http only to loopback in local mode)' };
      }
      if (url.username || url.password) return { kind: 'refused', reason: 'credentials in URL' };
      // Checked again here for subscriptions stored before the port allow-list.
      if (!(options.allowLoopback && isLoopbackHost(host)) && !isWebhookPort(url)) return { kind: 'refused', reason: `only ports ${WEBHOOK_PORTS.join(' and ')}` };
      if (isIP(host) && !allowed(host, options.allowLoopback)) return { kind: 'refused', reason: 'private, loopback, link-local or metadata address' };

      const client = url.protocol === 'https:' ? https : http;
      return new Promise<WebhookResult>((settle) => {
        let done = false;
        const finish = (result: WebhookResult) => {
          if (done) return;
          done = true;
          settle(result);
        };
        const req = client.request(
          url,
          {
            method: 'POST',
            headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
            agent: false,
            timeout: request.timeoutMs,
            ...(isIP(host) ? {} : { lookup: pinnedLookup(host) }),
          },
          (res) => {
            const retryAfter = res.headers['retry-after'];
            // Read (and discard) at most a little of the body, so the socket can close.
            let seen = 0;
            res.on('data', (chunk: Buffer) => {
              seen += chunk.length;
              if (seen > 64 * 1024) res.destroy();
            });
            res.on('end', () => finish({ kind: 'response', status: res.statusCode ?? 0, ...(retryAfter ? { retryAfter } : {}) }));
            res.on('close', () => finish({ kind: 'response', status: res.statusCode ?? 0, ...(retryAfter ? { retryAfter } : {}) }));
            res.on('error', () => finish({ kind: 'response', status: res.statusCode ?? 0 }));
          },
        );
        const timer = setTimeout(() => {
          req.destroy(new Error('timeout'));
        }, request.timeoutMs);
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', (error: Error) => {
          clearTimeout(timer);
          if (error instanceof RefusedError) finish({ kind: 'refused', reason: error.message });
          else finish({ kind: 'network-error', reason: error.message === 'timeout' ? 'timeout' : ((error as NodeJS.ErrnoException).code ?? error.name) });
        });
        req.on('close', () => clearTimeout(timer));
        req.end(request.body);
      });
    },
  };
}
