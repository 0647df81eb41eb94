import { beforeAll, describe, expect, it } from 'vitest';
import { allCountries } from '../../../shared/domain/country';
import { shardOf } from '../../../shared/domain/fan-out';
import type { Subscription } from '../../../shared/domain/subscription';
import { deliverEmail } from '../../../shared/services/deliver-email';
import { LINK_PURPOSES, manageLink } from '../../../shared/services/subscription-links';
import { addPerson, alertInput, BASE_URL, call, fromPeer, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';
import { indexedUnder } from '../../support/match-index';

/**
 * The manage page reached from the links in messages: no sign-in, the token
 * is the credential; filters change in the match index at once.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
});

let ip = 0;

async function request(method: string, path: string, form?: Record<string, string | string[]>) {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    body = params.toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers.origin = BASE_URL;
  }
  const res = await h.app.request(new Request(`${BASE_URL}${path}`, { method, headers, body, redirect: 'manual' }), undefined, fromPeer(`203.0.113.${++ip % 250}`));
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function matchedIds(scope: string): Promise<string[]> {
  return (await indexedUnder(h.deps.subscriptions, 'email', scope, 25)).map((s) => s.id);
}

/** Subscribes through the web form and, unless `pending`, confirms through the web confirmation page. */
async function subscribe(countries: string[], options: { pending?: boolean } = {}): Promise<{ address: string; subscription: Subscription; confirmedPage?: string }> {
  const address = uniqueAddress('manager');
  const res = await request('POST', '/subscribe', { countries, channel: 'email', email: address, phone: '' });
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  const [subscription] = await h.deps.subscriptions.listByAddress(address);
  if (options.pending) return { address, subscription: subscription! };
  const message = h.deps.outbox!.list().find((m) => m.to === address)!;
  const token = /token=([^\s&"]+)/.exec(message.text)![1]!;
  // The link opens a page; its button confirms.
  const page = await request('GET', `/subscribe/confirm?token=${token}`);
  expect(page.status).toBe(200);
  const confirmed = await request('POST', '/subscribe/confirm', { token: hidden(page.text, '/subscribe/confirm') });
  expect(confirmed.status).toBe(200);
  return { address, subscription: (await h.deps.subscriptions.get(subscription!.id))!, confirmedPage: confirmed.text };
}

const pathOf = (url: string) => url.replace(BASE_URL, '').replace(/&amp;/g, '&');
const hidden = (html: string, form: string) => new RegExp(`action="${form}"[\\s\\S]*?name="token" value="([^"]+)"`).exec(html)![1]!;
const later = () => new Date(Date.now() + 60_000).toISOString();

function expectAccessible(html: string) {
  // The site's own page scripts only (the country picker's and the place picker's), never inline script or style.
  expect(html).not.toMatch(/<script(?! src="\/assets\/[a-z-]+\.js\?v=[\w-]+" defer)|\sstyle=/i);
  const ids = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/type="hidden"/.test(tag))
    .map((tag) => /id="([^"]+)"/.exec(tag)?.[1]);
  expect(ids.length).toBeGreaterThan(5);
  for (const id of ids) {
    expect(id, 'every visible control has an id').toBeDefined();
    expect(html, `a label for ${id}`).toContain(`for="${id}"`);
  }
}

describe('manage page', () => {
  it('is linked from the confirmation page and shows the subscription with its address masked, labels on every input and no inline script or style', async () => {
    const { address, subscription, confirmedPage } = await subscribe(['KE']);
    const href = /href="([^"]*\/subscribe\/manage\?token=[^"]+)"/.exec(confirmedPage!)![1]!;
    const page = await request('GET', pathOf(href));
    expect(page.status, page.text.slice(0, 300)).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain('Manage your subscription');
    expect(page.text).toContain(`m•••@example.org`);
    expect(page.text).toContain('Kenya');
    expect(page.text).not.toContain(address);
    expect(page.text).not.toContain(address.split('@')[0]);
    expect(page.text).toContain('id="f-countries-chosen-KE" name="countries" value="KE" checked=""');
    expectAccessible(page.text);
    expect(subscription.status).toBe('active');
  });

  it('is linked from every alert email, text and HTML, beside the unsubscribe link; changing countries moves the subscription in the match index', async () => {
    const { address, subscription } = await subscribe(['KE']);
    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['KE'], 'TLP:CLEAR') });
    expect((await call(h, 'POST', `/v1/publications/${created.json.id}/publish`, { key: publisher.key })).status).toBe(200);
    const version = (await h.deps.publications.get(created.json.id as string))!.current!;
    const send = deliverEmail(h.deps as unknown as Parameters<typeof deliverEmail>[0]);
    const results = await send([{ subscription, deliveryId: 'dlv_test' }], version, Date.now() + 30_000);
    expect(results.get(subscription.id)?.state).toBe('sent');
    const email = h.deps.outbox!.list().find((m) => m.to === address && m.text.includes('/publications/'))!;
    const inText = /Change what you receive: (\S+)/.exec(email.text)![1]!;
    expect(email.text).toMatch(/Unsubscribe: \S+\/subscribe\/unsubscribe\?token=/);
    expect(email.html).toContain(`href="${inText}"`);
    expect(email.headers?.['List-Unsubscribe']).toMatch(/^<http:\/\/outpost\.test\/subscribe\/unsubscribe\?token=[^>]+>$/);
    expect(email.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    const page = await request('GET', pathOf(inText));
    expect(page.status).toBe(200);
    expect(await matchedIds('c:KE')).toContain(subscription.id);

    const saved = await request('POST', '/subscribe/manage', { token: hidden(page.text, '/subscribe/manage'), countries: ['TZ', 'UG'], kinds: 'security-alert', minLevel: '2' });
    expect(saved.status, saved.text.slice(0, 400)).toBe(200);
    expect(saved.text).toContain('Your changes are saved.');
    expect(await matchedIds('c:KE')).not.toContain(subscription.id);
    expect(await matchedIds('c:TZ')).toContain(subscription.id);
    expect(await matchedIds('c:UG')).toContain(subscription.id);
    const stored = (await h.deps.subscriptions.get(subscription.id))!;
    expect(stored.status).toBe('active');
    expect(stored.filters).toEqual({ countries: ['TZ', 'UG'], regions: [], kinds: ['security-alert'], minLevel: 2 });
    // The index items carry the new filters, so the matcher judges kinds and levels by them.
    const indexed = (await indexedUnder(h.deps.subscriptions, 'email', 'c:TZ')).find((s) => s.id === subscription.id)!;
    expect(indexed.filters).toEqual(stored.filters);

    // Clearing every place files it under the global scope instead.
    await request('POST', '/subscribe/manage', { token: hidden(page.text, '/subscribe/manage') });
    expect(await matchedIds('c:TZ')).not.toContain(subscription.id);
    expect(await matchedIds('global')).toContain(subscription.id);
  });

  it('switches to a daily digest in a time zone, with quiet hours and a minimum severity, and back to alerts at once', async () => {
    const { subscription } = await subscribe(['MG']);
    const token = new URL(manageLink(h.deps, subscription)).searchParams.get('token')!;
    const page = await request('GET', `/subscribe/manage?token=${token}`);
    expect(page.text).toContain('name="frequency"');
    expect(page.text).toContain('<option value="Asia/Tokyo"');
    expectAccessible(page.text);
    const form = { token: hidden(page.text, '/subscribe/manage'), countries: 'MG', timingFields: 'email', minSeverity: 'Severe', timeZone: 'Asia/Tokyo', quietFrom: '22:00', quietTo: '07:00' };
    const saved = await request('POST', '/subscribe/manage', { ...form, frequency: 'daily' });
    expect(saved.status, saved.text.slice(0, 400)).toBe(200);
    expect(saved.text).toContain('as a daily digest at 08:00 (Asia/Tokyo)');
    const stored = (await h.deps.subscriptions.get(subscription.id))!;
    expect(stored.timing).toEqual({ frequency: 'daily', timeZone: 'Asia/Tokyo', quietHours: { from: '22:00', to: '07:00' } });
    expect(stored.filters.minSeverity).toBe('Severe');
    // A digest subscriber is in the digest index, not the match index.
    expect(await matchedIds('c:MG')).not.toContain(subscription.id);
    expect((await h.deps.digests.page({ frequency: 'daily', timeZone: 'Asia/Tokyo', shard: shardOf(subscription.id) }, 100)).items.map((e) => e.subscription.id)).toContain(subscription.id);

    const back = await request('POST', '/subscribe/manage', { ...form, frequency: 'immediate', quietFrom: '', quietTo: '' });
    expect(back.status).toBe(200);
    expect((await h.deps.subscriptions.get(subscription.id))!.timing).toEqual({ frequency: 'immediate', timeZone: 'Asia/Tokyo' });
    expect(await matchedIds('c:MG')).toContain(subscription.id);
    expect((await h.deps.digests.page({ frequency: 'daily', timeZone: 'Asia/Tokyo', shard: shardOf(subscription.id) }, 100)).items.map((e) => e.subscription.id)).not.toContain(subscription.id);
  });

  it('refuses a digest by SMS and a time zone that does not exist, naming the fields', async () => {
    const { subscription } = await subscribe(['KM']);
    const token = new URL(manageLink(h.deps, subscription)).searchParams.get('token')!;
    const res = await request('POST', '/subscribe/manage', { token, countries: 'KM', timingFields: 'email', frequency: 'hourly', timeZone: 'Mars/Olympus_Mons' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="f-timeZone-error"');
    const sms = await request('POST', '/subscribe', { countries: 'KM', channel: 'sms', email: '', phone: '+14155550123', timingFields: 'email sms', frequency: 'daily' });
    expect(sms.status).toBe(422);
    expect(sms.text).toContain('daily and weekly digests are sent by email only');
  });

  it('lets a pending subscription change its filters without filing it in the index', async () => {
    const { subscription } = await subscribe(['KE'], { pending: true });
    const token = new URL(manageLink(h.deps, subscription)).searchParams.get('token')!;
    const saved = await request('POST', '/subscribe/manage', { token, countries: 'RW' });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Waiting for you to open the confirmation link');
    const stored = (await h.deps.subscriptions.get(subscription.id))!;
    expect(stored.status).toBe('pending');
    expect(stored.filters.countries).toEqual(['RW']);
    expect(await matchedIds('c:RW')).not.toContain(subscription.id);
  });

  it('shows field errors for filters creation would refuse, and changes nothing', async () => {
    const { subscription } = await subscribe(['KE']);
    const token = new URL(manageLink(h.deps, subscription)).searchParams.get('token')!;
    const res = await request('POST', '/subscribe/manage', { token, countries: 'XX', minLevel: '9' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="f-countries-error"');
    expect(res.text).toContain('id="f-minLevel-error"');
    expectAccessible(res.text);
    expect((await h.deps.subscriptions.get(subscription.id))!.filters.countries).toEqual(['KE']);
  });

  it('refuses a change that would not fit one transaction on an active subscription', async () => {
    const codes = allCountries().map((c) => c.code);
    const { subscription } = await subscribe(codes.slice(0, 60));
    const token = new URL(manageLink(h.deps, subscription)).searchParams.get('token')!;
    const res = await request('POST', '/subscribe/manage', { token, countries: codes.slice(60, 120) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Save the change in two steps');
    expect(await matchedIds(`c:${codes[0]}`)).toContain(subscription.id);
    // Within the bound the same kind of change goes through, atomically.
    const ok = await request('POST', '/subscribe/manage', { token, countries: codes.slice(30, 90) });
    expect(ok.status).toBe(200);
    expect(await matchedIds(`c:${codes[0]}`)).not.toContain(subscription.id);
    expect(await matchedIds(`c:${codes[89]}`)).toContain(subscription.id);
  });

  it('refuses tampered, wrong-purpose, missing and expired tokens with the same pages as unsubscribe', async () => {
    const { subscription } = await subscribe(['KE']);
    const good = h.deps.links.sign(LINK_PURPOSES.manage, subscription.id, later());
    const [payload, mac] = good.split('.') as [string, string];
    const tampered = `${payload}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    const unsubscribeToken = h.deps.links.sign(LINK_PURPOSES.unsubscribe, subscription.id, later());
    const refusedUnsubscribe = await request('POST', '/subscribe/unsubscribe', { token: tampered });
    expect(refusedUnsubscribe.status).toBe(400);
    const title = /<h1>([^<]+)<\/h1>/.exec(refusedUnsubscribe.text)![1]!;
    for (const token of [tampered, unsubscribeToken, h.deps.links.sign(LINK_PURPOSES.confirm, subscription.id, later()), 'not-a-token', '']) {
      const shown = await request('GET', `/subscribe/manage?token=${encodeURIComponent(token)}`);
      expect(shown.status, token).toBe(400);
      expect(shown.text).toContain(`<h1>${title}</h1>`);
      const posted = await request('POST', '/subscribe/manage', { token, countries: 'TZ' });
      expect(posted.status, token).toBe(400);
      expect(posted.text).toContain(`<h1>${title}</h1>`);
    }
    // A manage token does not unsubscribe either.
    expect((await request('POST', '/subscribe/unsubscribe', { token: good })).status).toBe(400);

    const expired = h.deps.links.sign(LINK_PURPOSES.manage, subscription.id, new Date(Date.now() - 1000).toISOString());
    const expiredUnsubscribe = await request('POST', '/subscribe/unsubscribe', { token: h.deps.links.sign(LINK_PURPOSES.unsubscribe, subscription.id, new Date(Date.now() - 1000).toISOString()) });
    const shown = await request('GET', `/subscribe/manage?token=${encodeURIComponent(expired)}`);
    expect(shown.status).toBe(410);
    expect(/<h1>([^<]+)<\/h1>/.exec(shown.text)![1]).toBe(/<h1>([^<]+)<\/h1>/.exec(expiredUnsubscribe.text)![1]);
    expect((await request('POST', '/subscribe/manage', { token: expired, countries: 'TZ' })).status).toBe(410);
    expect((await h.deps.subscriptions.get(subscription.id))!.filters.countries).toEqual(['KE']);
  });

  it('unsubscribes in one click from the page, after which the subscription cannot be edited', async () => {
    const { subscription } = await subscribe(['KE']);
    const token = new URL(manageLink(h.deps, subscription)).searchParams.get('token')!;
    const page = await request('GET', `/subscribe/manage?token=${encodeURIComponent(token)}`);
    const done = await request('POST', '/subscribe/unsubscribe', { token: hidden(page.text, '/subscribe/unsubscribe') });
    expect(done.status).toBe(200);
    expect(done.text).toContain('You have unsubscribed');
    expect(await matchedIds('c:KE')).not.toContain(subscription.id);

    const shown = await request('GET', `/subscribe/manage?token=${encodeURIComponent(token)}`);
    expect(shown.status).toBe(409);
    expect(shown.text).toContain('This subscription has ended');
    const posted = await request('POST', '/subscribe/manage', { token, countries: 'TZ' });
    expect(posted.status).toBe(409);
    const stored = (await h.deps.subscriptions.get(subscription.id))!;
    expect(stored.status).toBe('unsubscribed');
    expect(stored.filters.countries).toEqual(['KE']);
    expect(await matchedIds('c:TZ')).not.toContain(subscription.id);
  });

  it('is refused for an erased subscription', async () => {
    const { subscription } = await subscribe(['KE']);
    const token = new URL(manageLink(h.deps, subscription)).searchParams.get('token')!;
    await h.deps.subscriptions.delete(subscription.id, []);
    expect((await request('GET', `/subscribe/manage?token=${encodeURIComponent(token)}`)).status).toBe(410);
    expect((await request('POST', '/subscribe/manage', { token, countries: 'TZ' })).status).toBe(410);
  });

  it('refuses a cross-site form post', async () => {
    const { subscription } = await subscribe(['KE']);
    const token = new URL(manageLink(h.deps, subscription)).searchParams.get('token')!;
    const res = await h.app.request(
      new Request(`${BASE_URL}/subscribe/manage`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: new URLSearchParams({ token, countries: 'TZ' }).toString(),
      }),
    );
    expect(res.status).toBe(403);
    expect((await h.deps.subscriptions.get(subscription.id))!.filters.countries).toEqual(['KE']);
  });
});
