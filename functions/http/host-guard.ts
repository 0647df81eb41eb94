import type { ApiConfig } from './env';
import { problem } from './problem';
import { SECURITY_HEADERS } from './middleware/security-headers';

/**
 * The host names the local server answers to: loopback by name and number
 * on its own port, and the configured base URL's host. A page of another
 * site whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own
 * name as Host, and must not reach the outbox, sign-in links or anything else.
 */
function localHosts(baseUrl: string): ReadonlySet<string> {
  const base = new URL(baseUrl);
  const port = base.port ? `:${base.port}` : '';
  // Through URL, so a default port is written as a request URL writes it (not at all).
  const hostOf = (name: string) => new URL(`${base.protocol}//${name}${port}`).host;
  return new Set([base.host, hostOf('127.0.0.1'), hostOf('localhost'), hostOf('[::1]')]);
}

function misdirected(host: string): Response {
  const body = problem(421, 'misdirected-request', `This server does not answer for the host ${JSON.stringify(host.slice(0, 100))}; use the address it printed when it started.`);
  return new Response(JSON.stringify(body), {
    status: 421,
    headers: { ...SECURITY_HEADERS, 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  });
}

/**
 * Wraps the app's fetch in local mode so that a request for any other host
 * is answered 421 before any route, cache or middleware runs. In AWS the
 * edge (CloudFront, API Gateway) decides which names reach the API, and
 * `fetch` is returned as it is.
 *
 * @example
 * app.fetch = guardHost(app.fetch, deps.config);
 */
export function guardHost<F extends (request: Request, ...rest: never[]) => Response | Promise<Response>>(fetch: F, config: Pick<ApiConfig, 'mode' | 'baseUrl'>): F {
  if (config.mode !== 'local') return fetch;
  const allowed = localHosts(config.baseUrl);
  return ((request: Request, ...rest: never[]) => {
    let host: string;
    try {
      host = new URL(request.url).host.toLowerCase();
    } catch {
      return misdirected('');
    }
    return allowed.has(host) ? fetch(request, ...rest) : misdirected(host);
  }) as F;
}
