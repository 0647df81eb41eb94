import type { Logger } from '../../shared/ports/logger';
import type { OriginSecret } from '../../shared/ports/origin-secret';
import { SECURITY_HEADERS } from './middleware/security-headers';
import { problem } from './problem';

/** The header CloudFront adds to every request it forwards, holding the origin secret. */
export const ORIGIN_SECRET_HEADER = 'x-outpost-origin-verify';

function refuse(request: Request, logger: Logger): Response {
  // The path only: the query may carry tokens.
  const path = new URL(request.url).pathname;
  logger.warn('request refused: it did not come through CloudFront', { method: request.method, path });
  const body = { ...problem(403, 'forbidden', 'Outpost answers only through its public address.'), instance: path };
  return new Response(JSON.stringify(body), { status: 403, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...SECURITY_HEADERS } });
}

/**
 * Wraps an app's fetch so that only requests carrying a valid origin secret
 * reach it, before any middleware or cache fast path runs: in AWS, the API
 * Gateway URL would otherwise let anyone bypass CloudFront, its web ACL and
 * its cache, and set `CloudFront-Viewer-Address` themselves.
 */
export function guardOrigin<F extends (request: Request, ...rest: never[]) => Response | Promise<Response>>(fetch: F, secret: OriginSecret, logger: Logger): F {
  return ((request: Request, ...rest: never[]) => {
    const verdict = secret.accepts(request.headers.get(ORIGIN_SECRET_HEADER) ?? undefined);
    if (verdict === true) return fetch(request, ...rest);
    if (verdict === false) return refuse(request, logger);
    return verdict.then((ok) => (ok ? fetch(request, ...rest) : refuse(request, logger)));
  }) as F;
}
