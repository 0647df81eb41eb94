import type { MiddlewareHandler } from 'hono';

/** The default Content-Security-Policy: nothing loads, nothing frames; pages set their own. */
const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Every response's security headers, as one object, for responses built
 * before the middleware chain (the public document fast path) to spread.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'content-security-policy': DEFAULT_CSP,
});

/** Headers every response carries; pages may tighten the CSP further, and a route may allow same-origin framing. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('x-content-type-options', SECURITY_HEADERS['x-content-type-options']!);
    h.set('referrer-policy', SECURITY_HEADERS['referrer-policy']!);
    // DENY unless the route itself allows same-origin framing (the local outbox frames an email's HTML part).
    if (h.get('x-frame-options') !== 'SAMEORIGIN') h.set('x-frame-options', SECURITY_HEADERS['x-frame-options']!);
    if (!h.has('content-security-policy')) h.set('content-security-policy', DEFAULT_CSP);
  };
}
