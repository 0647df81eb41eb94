import { beforeAll, describe, expect, it } from 'vitest';
import { httpWebhookSender } from '../../../shared/adapters/webhook/http-webhook-sender';
import { addPerson, call, makeHarness, type Harness } from '../../support/harness';

/**
 * Finding 10: the outbound-request guard's address table was incomplete
 * (IPv4-mapped and NAT64 forms passed) and any port was allowed. IPv6 is
 * public only inside 2000::/3 less its special ranges, forms that carry an
 * IPv4 address are refused, and webhooks use ports 443 and 8443 only
 * (loopback receivers in local mode excepted), at subscription and at send time.
 */
let h: Harness;
let member: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  member = await addPerson(h, 'member');
});

const webhook = (url: string) => call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'webhook', url, countries: ['KE'] } });

describe('webhook URLs', () => {
  it('refuses every IPv6 form that carries an IPv4 address or lies outside public unicast, whatever address it carries', async () => {
    for (const url of [
      'https://[::ffff:8.8.8.8]/hook', // IPv4-mapped ::ffff:0:0/96
      'https://[::ffff:0:808:808]/hook', // IPv4-translated ::ffff:0:0:0/96
      'https://[::ffff:a9fe:a9fe]/hook', // mapped metadata address
      'https://[64:ff9b::808:808]/hook', // NAT64 well-known prefix
      'https://[64:ff9b:1::a9fe:a9fe]/hook', // local-use NAT64
      'https://[2002:808:808::1]/hook', // 6to4
      'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook', // Teredo
      'https://[100::1]/hook', // discard
      'https://[3fff::1]/hook', // documentation
    ]) {
      const res = await webhook(url);
      expect(res.status, url).toBe(422);
      expect(res.json.errors[0].path).toBe('url');
    }
  });

  it('allows ports 443 and 8443 only, except to loopback receivers in local mode', async () => {
    for (const port of [22, 25, 80, 3306, 6379, 9200, 11211]) {
      const res = await webhook(`https://hooks.example.com:${port}/hook`);
      expect(res.status, String(port)).toBe(422);
      expect(res.json.errors[0].message).toContain('port 443 or 8443');
    }
    for (const url of ['https://hooks.example.com/hook', 'https://hooks.example.com:443/hook', 'https://hooks.example.com:8443/hook', 'http://127.0.0.1:4555/hook']) {
        expect((await webhook(url)).status, url).toBe(201);
      }
    });
  
    it('are checked again when sending: mapped and NAT64 answers from DNS, and ports stored before the allow-list', async () => {
      for (const address of ['::ffff:8.8.8.8', '64:ff9b::808:808', '::ffff:127.0.0.1']) {
        const sender = httpWebhookSender({ allowLoopback: false, resolve: async () => [{ address, family: 6 }] });
        const result = await sender.post({ url: 'https://hooks.example.com/hook', body: '{}', headers: {}, timeoutMs: 1000 });
        expect(result.kind, address).toBe('refused');
      }
      const sender = httpWebhookSender({ allowLoopback: false, resolve: async () => [{ address: '93.184.216.34', family: 4 }] });
      expect(await sender.post({ url: 'https://hooks.example.com:6379/hook', body: '{}', headers: {}, timeoutMs: 1000 })).toEqual({ kind: 'refused', reason: expect.stringContaining('443') });
    });
  });
  