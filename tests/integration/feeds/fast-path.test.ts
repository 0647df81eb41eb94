import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app';
import { alertInput, advisoryInput } from '../../support/harness';
import { makeFeedHarness, type FeedHarness } from './support';

let f: FeedHarness;
const lines: { message: string; fields?: Record<string, unknown> }[] = [];
let app: ReturnType<typeof createApp>['app'];

beforeAll(async () => {
  f = await makeFeedHarness();
  await f.publish(advisoryInput('KE', 2));
  await f.publish(alertInput(['KE'], 'TLP:CLEAR'));
  const logger = { info: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }), warn: () => {}, error: () => {} };
  ({ app } = createApp({ ...f.h.deps, logger }));
});

const get = (path: string, headers: Record<string, string> = {}) => app.request(new Request(`http://127.0.0.1${path}`, { headers }));

function headerMap(res: Response): Record<string, string> {
  // The correlation id names one request; the fast path answers before the middleware that sets it.
  return Object.fromEntries([...res.headers].filter(([name]) => name !== 'date' && name !== 'x-correlation-id'));
}

describe('public document fast path', () => {
  it('answers a cached feed exactly as the middleware path does: bytes, status and headers', async () => {
    const rendered = await get('/feeds/countries/KE.atom'); // miss: the route renders and fills the cache
    const cached = await get('/feeds/countries/KE.atom'); // hit: answered before the middleware chain
    expect(cached.status).toBe(200);
    expect(await cached.text()).toBe(await rendered.text());
    expect(headerMap(cached)).toEqual(headerMap(rendered));
    expect(cached.headers.get('x-content-type-options')).toBe('nosniff');
    expect(cached.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('answers If-None-Match with 304 and the same validators and security headers', async () => {
    const first = await get('/feeds/all.json');
    const etag = first.headers.get('etag')!;
    const res = await get('/feeds/all.json', { 'if-none-match': etag });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    expect(res.headers.get('etag')).toBe(etag);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-type')).toBeNull();
  });

  it('still refuses a bad API key on a cached feed with 401', async () => {
    await get('/feeds/all.rss');
    const res = await get('/feeds/all.rss', { authorization: 'Bearer not-a-key' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('logs one request line with the route pattern, as the middleware path does', async () => {
    await get('/feeds/regions/AF.atom');
    lines.length = 0;
    await get('/feeds/regions/AF.atom');
    expect(lines).toEqual([{ message: 'request', fields: expect.objectContaining({ method: 'GET', status: 200, route: expect.stringContaining('/feeds/regions/:region') }) }]);
  });

  it('leaves unknown feeds to the routes (404 problem), even when asked twice', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await get('/feeds/countries/ZZ.atom');
      expect(res.status).toBe(404);
    }
  });
});
