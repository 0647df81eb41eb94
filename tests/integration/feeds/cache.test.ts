import { beforeAll, describe, expect, it } from 'vitest';
import { alertInput, advisoryInput, call } from '../../support/harness';
import { makeFeedHarness, type FeedHarness } from './support';

let f: FeedHarness;

beforeAll(async () => {
  f = await makeFeedHarness();
  await f.publish(advisoryInput('KE', 2));
  await f.publish(alertInput(['KE'], 'TLP:CLEAR'));
});

async function sentDuring(fn: () => Promise<unknown>) {
  const before = f.sent.length;
  await fn();
  return f.sent.slice(before);
}

describe('rendered-feed cache', () => {
  it('makes zero DynamoDB calls for a cached feed hit', async () => {
    await call(f.h, 'GET', '/feeds/countries/KE.atom');
    const hit = await sentDuring(() => call(f.h, 'GET', '/feeds/countries/KE.atom'));
    expect(hit).toEqual([]);
    const conditional = await sentDuring(() => call(f.h, 'GET', '/feeds/countries/KE.atom', { headers: { 'if-none-match': '"x"' } }));
    expect(conditional).toEqual([]);
  });

  it('renders a miss with exactly one listing Query (plus at most the change counter read)', async () => {
    const miss = await sentDuring(() => call(f.h, 'GET', '/feeds/regions/AF.rss'));
    const queries = miss.filter((s) => s.command === 'QueryCommand');
    expect(queries).toEqual([{ command: 'QueryCommand', partition: 'L#CLEAR#r:AF' }]);
    expect(miss.filter((s) => s.command !== 'QueryCommand').every((s) => s.command === 'GetCommand')).toBe(true);
    expect(miss.length).toBeLessThanOrEqual(2);
  });

  it('renders a burst of concurrent misses once', async () => {
    const burst = await sentDuring(() => Promise.all(Array.from({ length: 20 }, () => call(f.h, 'GET', '/feeds/kinds/security-alert.json'))));
    expect(burst.filter((s) => s.command === 'QueryCommand')).toHaveLength(1);
  });

  it('shows a publish in the feed within 2 seconds', async () => {
    const before = await call(f.h, 'GET', '/feeds/countries/KE.json');
    const etag = before.headers.get('etag');
    const id = await f.publish(alertInput(['KE'], 'TLP:CLEAR', { title: 'Fresh alert' }));
    const published = Date.now();
    let seen = false;
    while (Date.now() - published < 2000) {
      const res = await call(f.h, 'GET', '/feeds/countries/KE.json');
      if (res.json.items.some((i: { _outpost: { publicationId: string } }) => i._outpost.publicationId === id)) {
        seen = true;
        expect(res.headers.get('etag')).not.toBe(etag);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toBe(true);
  });

  it('drops an archived item from the feed and moves Last-Modified forward', async () => {
    const id = await f.publish(alertInput(['KE'], 'TLP:CLEAR', { title: 'Short-lived alert' }));
    await new Promise((r) => setTimeout(r, 1100));
    const withIt = await call(f.h, 'GET', '/feeds/countries/KE.atom');
    expect(withIt.text).toContain(id);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await call(f.h, 'POST', `/v1/publications/${id}/archive`, { key: f.publisher.key })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const without = await call(f.h, 'GET', '/feeds/countries/KE.atom', { headers: { 'if-modified-since': withIt.headers.get('last-modified')! } });
    expect(without.status).toBe(200);
    expect(without.text).not.toContain(id);
    expect(Date.parse(without.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(withIt.headers.get('last-modified')!));
  });
});
