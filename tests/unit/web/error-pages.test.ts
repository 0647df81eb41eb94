import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../functions/http/env';
import { errorToResponse } from '../../../functions/http/problem';
import { RateLimitedError, ValidationError } from '../../../shared/errors';
import { pageErrorResponse } from '../../../web/pages/error-pages';

/** The same thrown error served once as problem+json and once as a page, with what each logged. */
async function bothWays(error: unknown): Promise<{ api: Response; page: Response; logged: string[] }> {
  const logged: string[] = [];
  const logger = { info: () => {}, warn: (m: string) => void logged.push(`warn:${m}`), error: (m: string) => void logged.push(`error:${m}`) };
  const app = new Hono<AppEnv>();
  app.onError((e, c) => (c.req.path.startsWith('/v1') ? errorToResponse(e, c, logger) : pageErrorResponse(e, c, logger)));
  const fail = () => {
    throw error;
  };
  app.get('/v1/x', fail);
  app.get('/x', fail);
  return { api: await app.request('/v1/x'), page: await app.request('/x'), logged };
}

describe('HTML error pages and problem+json agree', () => {
  it('answers a rate-limited page with 429 and the same Retry-After as the API', async () => {
    const { api, page } = await bothWays(new RateLimitedError('Too many sign-in requests.', 120));
    expect(api.status).toBe(429);
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBe('120');
    expect(api.headers.get('retry-after')).toBe('120');
    expect(await page.text()).toContain('Too many sign-in requests.');
  });

  it('answers exhausted throttling on a page with 503 and Retry-After, logged as transient rather than unhandled', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const { api, page, logged } = await bothWays(throttled);
    expect([api.status, page.status]).toEqual([503, 503]);
    expect(page.headers.get('retry-after')).toBe('1');
    expect(logged).toEqual(['warn:transient backend error', 'warn:transient backend error']);
  });

  it('keeps the validation status on pages and hides the cause of an unexpected error', async () => {
    expect((await bothWays(new ValidationError([{ path: 'title', message: 'Required' }]))).page.status).toBe(422);
    const { page, logged } = await bothWays(new Error('secret internals at db.ts:42'));
    expect(page.status).toBe(500);
    expect(await page.text()).not.toContain('secret internals');
    expect(logged).toEqual(['error:unhandled error', 'error:unhandled page error']);
  });
});
