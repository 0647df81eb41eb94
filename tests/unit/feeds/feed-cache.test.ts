import { describe, expect, it } from 'vitest';
import { toOpenApiPath } from '../../../functions/api/openapi/paths';
import { FeedCache } from '../../../shared/services/feed-cache';

function setup() {
  let now = 0;
  let count = 1;
  let reads = 0;
  let renders = 0;
  const cache = new FeedCache(
    async () => {
      reads += 1;
      return { count, changedAt: '2026-01-01T00:00:00.000Z' };
    },
    { now: () => now },
  );
  const render = async () => {
    renders += 1;
    return { body: `doc ${renders}`, contentType: 'text/plain', lastModified: '2025-01-01T00:00:00.000Z' };
  };
  return { cache, render, tick: (ms: number) => (now += ms), publish: () => (count += 1), stats: () => ({ reads, renders }) };
}

describe('FeedCache', () => {
  it('reads the change counter at most once a second and serves hits without it', async () => {
    const t = setup();
    const first = await t.cache.get('/a', t.render);
    t.tick(500);
    const second = await t.cache.get('/a', t.render);
    expect(second).toBe(first);
    expect(t.stats()).toEqual({ reads: 1, renders: 1 });
    t.tick(600);
    await t.cache.get('/a', t.render);
    expect(t.stats()).toEqual({ reads: 2, renders: 1 });
  });

  it('drops everything when the counter moves, and uses the later of content and change time as Last-Modified', async () => {
    const t = setup();
    const first = await t.cache.get('/a', t.render);
    expect(first!.lastModified).toBe('2026-01-01T00:00:00.000Z');
    expect(first!.lastModifiedHttp).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
    t.publish();
    t.tick(1000);
    const second = await t.cache.get('/a', t.render);
    expect(new TextDecoder().decode(second!.body)).toBe('doc 2');
    expect(second!.etag).not.toBe(first!.etag);
  });

  it('renders concurrent misses once and caches not-found', async () => {
    const t = setup();
    await Promise.all([t.cache.get('/a', t.render), t.cache.get('/a', t.render), t.cache.get('/a', t.render)]);
    expect(t.stats().renders).toBe(1);
    let missing = 0;
    const none = async () => {
      missing += 1;
      return undefined;
    };
    expect(await t.cache.get('/none', none)).toBeUndefined();
    expect(await t.cache.get('/none', none)).toBeUndefined();
    expect(missing).toBe(1);
  });

  it('serves what it has when the counter cannot be read', async () => {
    let fail = false;
    let now = 0;
    const cache = new FeedCache(async () => {
      if (fail) throw new Error('table down');
      return { count: 1 };
    }, { now: () => now });
    const doc = await cache.get('/a', async () => ({ body: 'x', contentType: 't', lastModified: '2026-01-01T00:00:00Z' }));
    fail = true;
    now += 5000;
    expect(await cache.get('/a', async () => undefined)).toBe(doc);
    await expect(cache.get('/b', async () => undefined)).rejects.toThrow('table down');
  });
});

describe('toOpenApiPath', () => {
  it('reads the counter again at once after revalidate, ignoring a read that started before it', async () => {
    const t = setup();
    await t.cache.get('/a', t.render);
    t.publish();
    t.cache.revalidate();
    expect(t.cache.peek('/a')).toBeUndefined();
    const fresh = await t.cache.get('/a', t.render);
    expect(new TextDecoder().decode(fresh!.body)).toBe('doc 2');
    expect(t.stats()).toEqual({ reads: 2, renders: 2 });
    expect(t.cache.peek('/a')).toBe(fresh);
  });

  it('carries the Vary header of a rendered document', async () => {
    const t = setup();
    const doc = await t.cache.get('/v', async () => ({ body: '{}', contentType: 'application/json', lastModified: '2025-01-01T00:00:00.000Z', vary: 'Authorization' }));
    expect(doc!.vary).toBe('Authorization');
    expect((await t.cache.get('/a', t.render))!.vary).toBeUndefined();
  });

  it('turns Hono patterns into OpenAPI templates, keeping file extensions', () => {
    expect(toOpenApiPath('/v1/publications/:id/versions/:n/diff')).toBe('/v1/publications/{id}/versions/{n}/diff');
    expect(toOpenApiPath('/feeds/countries/:cc{[A-Za-z]{2}\\.rss}')).toBe('/feeds/countries/{cc}.rss');
    expect(toOpenApiPath('/cap/:id{[0-9A-Za-z]{1,40}\\.xml}')).toBe('/cap/{id}.xml');
    expect(toOpenApiPath('/feeds/all.atom')).toBe('/feeds/all.atom');
  });
});
