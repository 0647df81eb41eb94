import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/**
 * One log line per request: method, route pattern, status, duration and the
 * caller's key id. Never the query string or body, which may hold personal data.
 */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const viewer = c.var.viewer;
    c.var.deps.logger.info('request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      key: viewer?.kind === 'person' ? viewer.keyId : undefined,
    });
  };
}
