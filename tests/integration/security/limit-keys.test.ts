import { beforeAll, describe, expect, it } from 'vitest';
import { call, makeHarness, type Harness } from '../../support/harness';

/**
 * Finding 4: per-address limits count every spelling of one mailbox once,
 * and per-client limits count the client the deployment can vouch for:
 * locally the connection's peer (forwarded headers ignored), in AWS the
 * address CloudFront saw; an IPv6 client by its /64.
 */
let h: Harness;
let clients = 0;
const freshClient = () => `192.0.2.${++clients}`;

beforeAll(async () => {
  h = await makeHarness();
});

const subscribe = (address: string, options: { client?: string; headers?: Record<string, string> } = {}) =>
  call(h, 'POST', '/v1/subscriptions', { body: { channel: 'email', address }, client: options.client ?? freshClient(), ...(options.headers ? { headers: options.headers } : {}) });

describe('per-address limits', () => {
  it('counts plus-addressed, upper-case and other spellings of one mailbox against one allowance', async () => {
    for (const spelling of ['ann.lee+one@example.org', 'Ann.Lee+Two@EXAMPLE.ORG', 'ann.lee+three@example.org']) expect((await subscribe(spelling)).status).toBe(201);
    const fourth = await subscribe('ann.lee@example.org');
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts Gmail’s dotted and googlemail.com spellings as the one mailbox they are', async () => {
    for (const spelling of ['b.ob.smith@gmail.com', 'bobsmith+x@googlemail.com', 'BOB.SMITH@gmail.com']) expect((await subscribe(spelling)).status).toBe(201);
    expect((await subscribe('bobsmith@gmail.com')).status).toBe(429);
  });
});

describe('per-client limits', () => {
  it('locally counts the connection’s peer and ignores X-Forwarded-For and CloudFront-Viewer-Address, which any client can send', async () => {
    const peer = freshClient();
    for (let i = 1; i <= 10; i++) {
      const forged = { 'x-forwarded-for': `198.18.0.${i}`, 'cloudfront-viewer-address': `198.18.1.${i}:4431` };
      expect((await subscribe(`forger.${i}@example.org`, { client: peer, headers: forged })).status).toBe(201);
    }
    expect((await subscribe('forger.11@example.org', { client: peer, headers: { 'x-forwarded-for': '198.18.0.99' } })).status).toBe(429);
    // Another peer is its own client.
    expect((await subscribe('forger.12@example.org')).status).toBe(201);
  });

  it('counts an IPv6 client by its /64, so changing the interface id does not help', async () => {
    for (let i = 1; i <= 10; i++) expect((await subscribe(`roamer.${i}@example.org`, { client: `2001:db8:77:1::${i.toString(16)}` })).status).toBe(201);
    expect((await subscribe('roamer.11@example.org', { client: '2001:db8:77:1:ffff::1' })).status).toBe(429);
    expect((await subscribe('roamer.12@example.org', { client: '2001:db8:77:2::1' })).status).toBe(201);
  });

  it('behind CloudFront counts the viewer address the edge sets (an IPv6 viewer by its /64), not X-Forwarded-For or the edge’s own address', async () => {
    const edge = await makeHarness({ config: { ...h.deps.config, trustedClientHeader: 'cloudfront-viewer-address' } });
    const viaEdge = (address: string, viewer: string, forwarded: string) =>
      call(edge, 'POST', '/v1/subscriptions', { body: { channel: 'email', address }, client: '130.176.0.1', headers: { 'cloudfront-viewer-address': viewer, 'x-forwarded-for': forwarded } });
    for (let i = 1; i <= 10; i++) expect((await viaEdge(`viewer.${i}@example.org`, `2001:db8:88:1::${i}:${40000 + i}`, `198.18.2.${i}`)).status).toBe(201);
    expect((await viaEdge('viewer.11@example.org', '2001:db8:88:1::abc:443', '198.18.2.99')).status).toBe(429);
    // Another viewer behind the same edge address is not held back.
    expect((await viaEdge('viewer.12@example.org', '203.0.113.200:443', '198.18.2.99')).status).toBe(201);
  });
});
