import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app';
import { advisoryInput, alertInput, call, type Harness } from '../../support/harness';
import { makeFeedHarness, type FeedHarness } from '../feeds/support';

let f: FeedHarness;
let greenId: string;

beforeAll(async () => {
  f = await makeFeedHarness();
  await f.publish(advisoryInput('KE', 2));
  await f.publish(alertInput(['KE'], 'TLP:CLEAR'));
  greenId = await f.publish(alertInput(['KE'], 'TLP:GREEN', { title: 'Members-only alert' }));
  await f.publish(advisoryInput('TZ', 1));
});

async function sentDuring(fn: () => Promise<unknown>) {
  const before = f.sent.length;
  await fn();
  return f.sent.slice(before);
}

async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const ids = (recent: { id: string }[]) => recent.map((i) => i.id);

describe('anonymous country API cache', () => {
  it('makes zero DynamoDB calls for a cached anonymous hit, conditional or not', async () => {
    for (const path of ['/v1/countries', '/v1/countries/KE']) {
      await call(f.h, 'GET', path);
      expect(await sentDuring(() => call(f.h, 'GET', path))).toEqual([]);
      expect(await sentDuring(() => call(f.h, 'GET', path, { headers: { 'if-none-match': '"x"' } }))).toEqual([]);
    }
  });

  it('renders a burst of concurrent anonymous misses once', async () => {
    const burst = await sentDuring(() => Promise.all(Array.from({ length: 20 }, () => call(f.h, 'GET', '/v1/countries/UG'))));
    expect(burst.filter((s) => s.command === 'QueryCommand').length).toBeLessThanOrEqual(1);
  });

  it('sends public validators and answers If-None-Match and If-Modified-Since with 304', async () => {
    for (const path of ['/v1/countries', '/v1/countries/KE']) {
      const first = await call(f.h, 'GET', path);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('application/json');
      expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
      expect(first.headers.get('vary')).toBe('Authorization');
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const byTag = await call(f.h, 'GET', path, { headers: { 'if-none-match': etag } });
      expect(byTag.status).toBe(304);
      expect(byTag.text).toBe('');
      expect(byTag.headers.get('etag')).toBe(etag);
      expect(byTag.headers.get('vary')).toBe('Authorization');
      const byDate = await call(f.h, 'GET', path, { headers: { 'if-modified-since': first.headers.get('last-modified')! } });
      expect(byDate.status).toBe(304);
    }
  });

  it('sends anonymous callers the same bytes as the uncached path where the views agree', async () => {
    // The list does not depend on the viewer, and TZ has only TLP:CLEAR content.
    for (const path of ['/v1/countries', '/v1/countries/TZ', '/v1/countries/tz']) {
      await call(f.h, 'GET', path);
      const cached = await call(f.h, 'GET', path);
      const member = await call(f.h, 'GET', path, { key: f.publisher.key });
      expect(member.headers.get('cache-control')).toBe('private, no-store');
      expect(cached.text).toBe(member.text);
    }
  });

  it('keeps GREEN items in a member’s recent and out of the anonymous cached view', async () => {
    await call(f.h, 'GET', '/v1/countries/KE');
    const anonymous = await call(f.h, 'GET', '/v1/countries/KE');
    expect(ids(anonymous.json.recent)).not.toContain(greenId);
    expect(anonymous.json.recent.every((i: { sharing: string }) => i.sharing === 'TLP:CLEAR')).toBe(true);
    const member = await sentDuring(async () => {
      const res = await call(f.h, 'GET', '/v1/countries/KE', { key: f.publisher.key });
      expect(ids(res.json.recent)).toContain(greenId);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    });
    // A member's view is read from the table every time.
    expect(member.some((s) => s.command === 'QueryCommand')).toBe(true);
    // And it did not leak into the anonymous cache.
    expect(ids((await call(f.h, 'GET', '/v1/countries/KE')).json.recent)).not.toContain(greenId);
  });

  it('shows a new advisory published by another process within 2 seconds, in the list and the country', async () => {
    // Another API process: its cache learns of the publish only through the change counter.
    const reader: Harness = { ...f.h, ...createApp(f.h.deps) };
    const level = async () => {
      const one = await call(reader, 'GET', '/v1/countries/KE');
      const all = await call(reader, 'GET', '/v1/countries');
      return [one.json.level, all.json.items.find((i: { code: string }) => i.code === 'KE').level];
    };
    expect(await level()).toEqual([2, 2]);
    const before = (await call(reader, 'GET', '/v1/countries/KE')).headers.get('etag');
    const id = await f.publish(advisoryInput('KE', 3));
    const published = Date.now();
    expect(await within(2000, async () => (await level()).every((l) => l === 3))).toBe(true);
    expect(Date.now() - published).toBeLessThan(2000);
    const after = await call(reader, 'GET', '/v1/countries/KE');
    expect(after.json.advisory.id).toBe(id);
    expect(after.headers.get('etag')).not.toBe(before);
    expect((await call(reader, 'GET', '/v1/countries/KE', { headers: { 'if-none-match': before! } })).status).toBe(200);
  });

  it('shows this process’s own publish on its next anonymous read', async () => {
    expect((await call(f.h, 'GET', '/v1/countries/TZ')).json.level).toBe(1);
    await call(f.h, 'GET', '/v1/countries/TZ');
    await f.publish(advisoryInput('TZ', 4));
    expect((await call(f.h, 'GET', '/v1/countries/TZ')).json.level).toBe(4);
  });

  it('answers an unknown country with the same 404 problem, cached after the first ask', async () => {
    const first = await call(f.h, 'GET', '/v1/countries/QQ');
    expect(first.status).toBe(404);
    expect(first.headers.get('content-type')).toContain('application/problem+json');
    const again = await sentDuring(async () => {
      const res = await call(f.h, 'GET', '/v1/countries/QQ');
      expect(res.status).toBe(404);
      expect(res.text).toBe(first.text);
    });
    expect(again.filter((s) => s.command !== 'GetCommand')).toEqual([]);
    const member = await call(f.h, 'GET', '/v1/countries/QQ', { key: f.publisher.key });
    expect(member.status).toBe(404);
    expect(member.json.type).toBe(first.json.type);
  });

  it('still refuses a bad API key on a cached country with 401', async () => {
    await call(f.h, 'GET', '/v1/countries/KE');
    const res = await call(f.h, 'GET', '/v1/countries/KE', { key: 'not-a-key' });
    expect(res.status).toBe(401);
  });
});
