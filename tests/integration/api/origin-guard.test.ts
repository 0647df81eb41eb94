import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app';
import { clientAddress } from '../../../functions/http/client-address';
import type { AppEnv, ApiDeps } from '../../../functions/http/env';
import { ORIGIN_SECRET_HEADER } from '../../../functions/http/origin-guard';
import type { OriginSecret } from '../../../shared/ports/origin-secret';
import { BASE_URL, makeHarness, type Harness } from '../../support/harness';

/**
 * In AWS every function serving HTTP answers only requests that carry the
 * origin secret CloudFront adds, before any middleware or cached document
 * can answer; and the client address it trusts is CloudFront's.
 */
let h: Harness;
let guarded: Hono<AppEnv>;
const valid = new Set(['current-value', 'previous-value']);
const originSecret: OriginSecret = { accepts: (value) => (value === 'rotated-value' ? Promise.resolve(true) : value !== undefined && valid.has(value)) };

beforeAll(async () => {
  h = await makeHarness();
  guarded = createApp({ ...h.deps, originSecret }).app;
});

const get = (path: string, headers: Record<string, string> = {}) => guarded.request(new Request(`${BASE_URL}${path}`, { headers }));

describe('requests that did not come through CloudFront', () => {
  it('are refused with a 403 problem whatever the path, with no secret or a wrong one', async () => {
    for (const path of ['/v1/health', '/v1/publications', '/', '/feeds/all.atom', '/sign-in', '/no-such-page']) {
      for (const headers of [{}, { [ORIGIN_SECRET_HEADER]: 'forged' }] as Record<string, string>[]) {
        const res = await get(path, headers);
        expect(res.status, path).toBe(403);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(await res.json()).toMatchObject({ status: 403, type: '/problems/forbidden', instance: path });
      }
    }
  });

  it('are refused even when the document they ask for is cached', async () => {
    expect((await get('/feeds/all.atom', { [ORIGIN_SECRET_HEADER]: 'current-value' })).status).toBe(200);
    expect((await get('/feeds/all.atom', { [ORIGIN_SECRET_HEADER]: 'current-value' })).status).toBe(200);
    expect((await get('/feeds/all.atom')).status).toBe(403);
  });
});

describe('requests through CloudFront', () => {
  it('are served with the current value, the previous one and one the secret confirms after a re-read', async () => {
    for (const value of ['current-value', 'previous-value', 'rotated-value']) expect((await get('/v1/health', { [ORIGIN_SECRET_HEADER]: value })).status, value).toBe(200);
  });
});

describe('the client address', () => {
  const addressOf = async (mode: 'aws' | 'local', headers: Record<string, string>) => {
    const app = new Hono<AppEnv>();
    app.get('/', (c) => {
      const trusted = mode === 'aws' ? { trustedClientHeader: 'cloudfront-viewer-address' as const } : {};
      c.set('deps', { ...h.deps, config: { ...h.deps.config, mode, ...trusted } } as ApiDeps);
      return c.text(clientAddress(c));
    });
    return (await app.request('/', { headers })).text();
  };

  it('in AWS is what CloudFront saw (an IPv6 client by its /64), never what the client wrote in X-Forwarded-For', async () => {
    expect(await addressOf('aws', { 'cloudfront-viewer-address': '198.51.100.7:46532', 'x-forwarded-for': '203.0.113.9' })).toBe('198.51.100.7');
    expect(await addressOf('aws', { 'cloudfront-viewer-address': '2001:db8::1:443' })).toBe('2001:db8:0:0::/64');
    expect(await addressOf('aws', { 'x-forwarded-for': '203.0.113.9' })).toBe('unknown');
  });

  it('locally is the connection peer: X-Forwarded-For, which any client can write, is never read', async () => {
    expect(await addressOf('local', { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' })).toBe('unknown');
  });
});
