import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errorToResponse } from '../../../functions/http/problem';
import { ValidationError } from '../../../shared/errors';

function appThrowing(error: unknown, seen: string[] = []) {
  const logger = { info: () => {}, warn: (m: string) => void seen.push(m), error: (m: string) => void seen.push(m) };
  const app = new Hono();
  app.onError((e, c) => errorToResponse(e, c, logger));
  app.get('/x', () => {
    throw error;
  });
  return app;
}

describe('error mapping', () => {
  it('turns exhausted AWS throttling into a 503 with Retry-After, not a 500', async () => {
    const throttled = Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' });
    const res = await appThrowing(throttled).request('/x');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('names the failing fields of a validation error', async () => {
    const res = await appThrowing(new ValidationError([{ path: 'countries.0', message: 'is not known' }])).request('/x');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ status: 422, errors: [{ path: 'countries.0', message: 'is not known' }], instance: '/x' });
  });

  it('hides the cause of an unexpected error and logs it', async () => {
    const seen: string[] = [];
    const res = await appThrowing(new Error('secret internals at db.ts:42'), seen).request('/x');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret internals');
    expect(seen).toEqual(['unhandled error']);
  });
});
