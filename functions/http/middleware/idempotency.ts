import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { IdempotencyConflictError, IdempotencyMismatchError, MalformedRequestError } from '../../../shared/errors';
import type { AppEnv } from '../env';

/** How long a key's response is replayed. */
const TTL_SECONDS = 24 * 60 * 60;

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its
 * response is stored; a retry with the same key and body gets the same
 * response, a different body with the key is a 422, and a retry while the
 * first is still running is a 409. Keys are scoped to the caller.
 */
export function idempotency(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new MalformedRequestError('Idempotency-Key must be 1–255 visible ASCII characters.');
    const viewer = c.var.viewer;
    const principal = viewer.kind === 'person' ? viewer.personId : 'anonymous';
    const storeKey = createHash('sha256').update(`${principal}\n${key}`).digest('hex');
    const body = await c.req.text();
    const fingerprint = createHash('sha256').update(`${c.req.method} ${new URL(c.req.url).pathname}\n${body}`).digest('hex');
    const store = c.var.deps.idempotency;
    const claim = await store.claim(storeKey, fingerprint, TTL_SECONDS);
    if (claim.state === 'mismatch') throw new IdempotencyMismatchError();
    if (claim.state === 'in-progress') throw new IdempotencyConflictError('A request with this Idempotency-Key is still being processed; retry shortly.');
    if (claim.state === 'completed') {
      const { status, headers, body: stored } = claim.response;
      return new Response(stored, { status, headers: { ...headers, 'idempotent-replayed': 'true' } });
    }
    try {
      await next();
    } catch (error) {
      await store.release(storeKey);
      throw error;
    }
    const res = c.res;
    if (res.status >= 500) {
      await store.release(storeKey);
      return;
    }
    const text = await res.clone().text();
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (name !== 'set-cookie') headers[name] = value;
    });
    await store.complete(storeKey, { status: res.status, headers, body: text }, TTL_SECONDS);
  };
}
