import { beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeLink } from '../../../shared/services/subscription-links';
import { addPerson, BASE_URL, fromPeer, makeHarness, type Harness } from '../../support/harness';
import { followSignInLink } from '../../support/pages';
import { uniqueAddress } from '../../support/unique';

/**
 * The web UI's own flows through `app.request`: one-time sign-in links,
 * session cookies, CSRF protection, and the console, portal and subscribe
 * forms posting as a browser with JavaScript off would.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let approver: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;

async function emailOf(personId: string): Promise<string> {
  return (await h.deps.directory.getPerson(personId))!.email;
}

interface Browser {
  cookie: string;
}

async function request(method: string, path: string, options: { browser?: Browser; form?: Record<string, string | string[]>; origin?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (options.browser?.cookie) headers.cookie = options.browser.cookie;
  let body: string | undefined;
  if (options.form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(options.form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    body = params.toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
    if (options.origin !== null) headers.origin = options.origin ?? BASE_URL;
  }
  const res = await h.app.request(new Request(`${BASE_URL}${path}`, { method, headers, body, redirect: 'manual' }), undefined, fromPeer(`192.0.2.${(clients = (clients % 250) + 1)}`));
  return { status: res.status, headers: res.headers, text: await res.text() };
}
/** Each request from a client of its own, so only the sign-in limits' own tests meet them. */
let clients = 0;

function lastLinkTo(address: string): string {
  const message = h.deps.outbox!.list().find((m) => m.to === address);
  const match = /(http\S+\/sign-in\/callback\?\S+)/.exec(message?.text ?? '');
  if (!match) throw new Error(`no sign-in link for ${address}`);
  return match[1]!.replace(BASE_URL, '');
}

async function signIn(personId: string): Promise<Browser> {
  const email = await emailOf(personId);
  const asked = await request('POST', '/sign-in', { form: { email } });
  expect(asked.status).toBe(200);
  const res = await followSignInLink(h, lastLinkTo(email));
  expect(res.status, res.text.slice(0, 200)).toBe(303);
  const cookie = res.headers.get('set-cookie') ?? '';
  return { cookie: cookie.split(';')[0]! };
}

function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field');
  return match[1]!;
}

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  approver = await addPerson(h, 'publisher', publisher.org);
  member = await addPerson(h, 'member');
});

describe('sign-in', () => {
  it('answers a known and an unknown address with the same page, and mails a link only to the known one', async () => {
    const before = h.deps.outbox!.list().length;
    const known = await request('POST', '/sign-in', { form: { email: await emailOf(member.personId) } });
    const unknown = await request('POST', '/sign-in', { form: { email: 'nobody@example.org' } });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const main = (t: string) => /<main[\s\S]*<\/main>/.exec(t)![0];
    expect(main(known.text)).toBe(main(unknown.text));
    expect(h.deps.outbox!.list().length).toBe(before + 1);
  });

  it('shows a field error for something that is not an email address', async () => {
    const res = await request('POST', '/sign-in', { form: { email: 'not-an-address' } });
    expect(res.status).toBe(422);
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).toContain('aria-invalid="true"');
  });

  it('sets a signed HttpOnly SameSite=Lax cookie, and the link works only once', async () => {
    const email = await emailOf(member.personId);
    await request('POST', '/sign-in', { form: { email, next: '/portal' } });
    const link = lastLinkTo(email);
    const first = await followSignInLink(h, link);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/portal');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^outpost_session=[^;]+\.[^;]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Max-Age=43200');
    // Used: the link's page says it no longer works, and its token signs nobody in again.
    const again = await request('GET', link);
    expect(again.status).toBe(400);
    expect(again.text).toContain('does not work');
    const token = new URLSearchParams(link.split('?')[1]).get('token')!;
    expect((await request('POST', '/sign-in/callback', { form: { token } })).status).toBe(400);
  });

  it('refuses a forged or tampered cookie and treats the browser as anonymous', async () => {
    const browser = await signIn(member.personId);
    const tampered = { cookie: browser.cookie.replace(/=(.)/, (_, ch: string) => `=${ch === 'A' ? 'B' : 'A'}`) };
    const res = await request('GET', '/portal', { browser: tampered });
    expect(res.status).toBe(303);
  });

  it('never lets a session cookie authorize the JSON API', async () => {
    const browser = await signIn(publisher.personId);
    const res = await request('GET', '/v1/workbench', { browser });
    expect(res.status).toBe(401);
  });

  it('signs out with a POST carrying the CSRF token, after which the cookie is worthless', async () => {
    const browser = await signIn(member.personId);
    const portal = await request('GET', '/portal', { browser });
    expect(portal.status).toBe(200);
    const forged = await request('POST', '/sign-out', { browser, form: { _csrf: 'wrong' } });
    expect(forged.status).toBe(403);
    const out = await request('POST', '/sign-out', { browser, form: { _csrf: csrfOf(portal.text) } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await request('GET', '/portal', { browser })).status).toBe(303);
  });

  it('rejects a form posted from another origin', async () => {
    const res = await request('POST', '/sign-in', { form: { email: 'x@example.org' }, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('publisher console', () => {
  it('takes a security alert from draft to published, with validation errors next to fields', async () => {
    const browser = await signIn(publisher.personId);
    const form = await request('GET', '/console/new?kind=security-alert', { browser });
    expect(form.status).toBe(200);
    for (const name of ['title', 'countries', 'summary', 'actions', 'body']) expect(form.text).toContain(`<label for="f-${name}">`);
    const csrf = csrfOf(form.text);

    const invalid = await request('POST', '/console/new', { browser, form: { _csrf: csrf, kind: 'security-alert', title: '', countries: 'KE', summary: 's', body: '', sharing: 'TLP:CLEAR', actions: '' } });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('id="f-title-error"');
    expect(invalid.text).toContain('id="f-actions-error"');

    const fields = { _csrf: csrf, kind: 'security-alert', title: 'Protests in Nairobi', countries: 'ke', summary: 'Protests are expected.', body: '**Avoid** the CBD.', sharing: 'TLP:CLEAR', actions: 'Avoid crowds\nMonitor local media', eventStart: '2026-06-01T08:00' };
    const preview = await request('POST', '/console/new', { browser, form: { ...fields, intent: 'preview' } });
    expect(preview.text).toContain('<strong>Avoid</strong> the CBD.');

    const created = await request('POST', '/console/new', { browser, form: { ...fields, intent: 'save' } });
    expect(created.status).toBe(303);
    const itemPath = created.headers.get('location')!.split('?')[0]!;
    const item = await request('GET', itemPath, { browser });
    expect(item.text).toContain('Audience estimate');
    expect(item.text).toMatch(/<dt>Email<\/dt><dd>0<\/dd>/);

    const published = await request('POST', `${itemPath}/publish`, { browser, form: { _csrf: csrf, rev: /name="rev" value="(\d+)"/.exec(item.text)![1]!, confirm: 'yes' } });
    expect(published.status).toBe(303);
    const country = await request('GET', '/countries/KE');
    expect(country.text).toContain('Protests in Nairobi');
  });

  it('needs a second publisher to approve a travel advisory, and to archive it', async () => {
    const author = await signIn(publisher.personId);
    const form = await request('GET', '/console/new?kind=travel-advisory', { browser: author });
    const csrf = csrfOf(form.text);
    const created = await request('POST', '/console/new', {
      browser: author,
      form: { _csrf: csrf, kind: 'travel-advisory', title: 'Tanzania', countries: 'TZ', summary: 'Level 2.', body: 'Take care.', sharing: 'TLP:CLEAR', level: '2', indicators: ['C', 'T'] },
    });
    expect(created.status, created.text.slice(0, 500)).toBe(303);
    const itemPath = created.headers.get('location')!.split('?')[0]!;
    const mine = await request('GET', itemPath, { browser: author });
    expect(mine.text).not.toContain('>Approve<');
    expect(mine.text).toContain('you wrote these changes');

    const second = await signIn(approver.personId);
    const theirs = await request('GET', itemPath, { browser: second });
    expect(theirs.text).toContain('>Approve<');
    const rev = /name="rev" value="(\d+)"/.exec(theirs.text)![1]!;
    const approved = await request('POST', `${itemPath}/approve`, { browser: second, form: { _csrf: csrfOf(theirs.text), rev } });
    expect(approved.status).toBe(303);
    const after = await request('GET', itemPath, { browser: author });
    const published = await request('POST', `${itemPath}/publish`, { browser: author, form: { _csrf: csrf, rev: /name="rev" value="(\d+)"/.exec(after.text)![1]!, confirm: 'yes' } });
    expect(published.status).toBe(303);
    const home = await request('GET', '/');
    expect(home.text).toMatch(/<path data-cc="TZ" data-level="2"/);

    // Withdrawing it takes two as well: the author's archive asks, the second publisher's confirms.
    const live = await request('GET', itemPath, { browser: author });
    expect(live.text).toContain('>Request archive<');
    const asked = await request('POST', `${itemPath}/archive`, { browser: author, form: { _csrf: csrf, rev: /name="rev" value="(\d+)"/.exec(live.text)![1]!, confirm: 'yes' } });
    expect(asked.headers.get('location')).toContain('done=archive-requested');
    expect((await request('GET', itemPath, { browser: author })).text).toContain('You asked to archive this');
    expect((await request('GET', '/')).text).toMatch(/<path data-cc="TZ" data-level="2"/);
    const toConfirm = await request('GET', itemPath, { browser: second });
    expect(toConfirm.text).toContain('>Confirm archive<');
    expect((await request('GET', '/console', { browser: second })).text).toContain('Archive requested');
    const confirmed = await request('POST', `${itemPath}/archive`, { browser: second, form: { _csrf: csrfOf(toConfirm.text), rev: /name="rev" value="(\d+)"/.exec(toConfirm.text)![1]!, confirm: 'yes' } });
    expect(confirmed.headers.get('location')).toContain('done=archived');
    expect((await request('GET', '/')).text).not.toMatch(/<path data-cc="TZ" data-level/);
  });

  it('reports a stale revision instead of overwriting someone else’s change', async () => {
    const browser = await signIn(publisher.personId);
    const form = await request('GET', '/console/new?kind=announcement', { browser });
    const csrf = csrfOf(form.text);
    const created = await request('POST', '/console/new', { browser, form: { _csrf: csrf, kind: 'announcement', title: 'Office closed', countries: 'FR', summary: 'Closed.', body: '', sharing: 'TLP:CLEAR' } });
    const itemPath = created.headers.get('location')!.split('?')[0]!;
    const stale = await request('POST', `${itemPath}/edit`, { browser, form: { _csrf: csrf, kind: 'announcement', rev: '0', title: 'Office closed Monday', countries: 'FR', summary: 'Closed.', body: '', sharing: 'TLP:CLEAR' } });
    expect(stale.status).toBe(412);
    expect(stale.text).toContain('Someone else changed this publication');
  });

  it('shows members a 403 page, not the console', async () => {
    const browser = await signIn((await addPerson(h, 'member')).personId);
    const res = await request('GET', '/console', { browser });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Publishers only');
  });
});

describe('member portal', () => {
  it('creates an API key showing its secret once, and revokes it', async () => {
    const browser = await signIn(member.personId);
    const portal = await request('GET', '/portal', { browser });
    const csrf = csrfOf(portal.text);
    const created = await request('POST', '/portal/keys', { browser, form: { _csrf: csrf, name: 'SOC dashboard', scopes: 'read' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const key = /id="new-key"[^>]*value="(op_[^"]+)"/.exec(created.text)![1]!;
    const me = await h.app.request(new Request(`${BASE_URL}/v1/me`, { headers: { authorization: `Bearer ${key}` } }));
    expect(me.status).toBe(200);
    const again = await request('GET', '/portal', { browser });
    expect(again.text).not.toContain(key);
    const keyId = /action="\/portal\/keys\/([0-9A-Z]{26})\/revoke"/.exec(again.text.slice(again.text.indexOf('SOC dashboard')))![1]!;
    const asked = await request('POST', `/portal/keys/${keyId}/revoke`, { browser, form: { _csrf: csrf } });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Yes, revoke it');
    const revoked = await request('POST', `/portal/keys/${keyId}/revoke`, { browser, form: { _csrf: csrf, confirm: 'yes' } });
    expect(revoked.status).toBe(303);
    const denied = await h.app.request(new Request(`${BASE_URL}/v1/me`, { headers: { authorization: `Bearer ${key}` } }));
    expect(denied.status).toBe(401);
  });
});

describe('subscribe without JavaScript', () => {
  it('subscribes an email address, confirms it from the link, and unsubscribes in one click', async () => {
    const address = uniqueAddress('traveller');
    const res = await request('POST', '/subscribe', { form: { countries: ['KE', 'TZ'], kinds: 'security-alert', channel: 'email', email: address, phone: '' } });
    expect(res.status, res.text.slice(0, 400)).toBe(200);
    expect(res.text).toContain('Check your inbox');
    const message = h.deps.outbox!.list().find((m) => m.to === address)!;
    const token = /token=([^\s&"]+)/.exec(message.text)![1]!;
    // The link shows what it confirms and a button; only the button confirms.
    const confirmPage = await request('GET', `/subscribe/confirm?token=${token}`);
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.text).toContain('Confirm subscription');
    expect((await h.deps.subscriptions.listByAddress(address))[0]!.status).toBe('pending');
    const confirmed = await request('POST', '/subscribe/confirm', { form: { token: decodeURIComponent(token) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('You’re subscribed to Kenya and Tanzania alerts');

    // The link every alert carries: GET shows one button (a mail scanner's prefetch changes nothing), POST unsubscribes.
    const [subscription] = await h.deps.subscriptions.listByAddress(address);
    const unsubscribeToken = new URL(unsubscribeLink(h.deps, subscription!)).searchParams.get('token')!;
    const page = await request('GET', `/subscribe/unsubscribe?token=${encodeURIComponent(unsubscribeToken)}`);
    expect(page.status).toBe(200);
    expect((await h.deps.subscriptions.get(subscription!.id))!.status).toBe('active');
    const done = await request('POST', '/subscribe/unsubscribe', { form: { token: unsubscribeToken } });
    expect(done.status).toBe(200);
    expect(done.text).toContain('You have unsubscribed');
    expect((await h.deps.subscriptions.get(subscription!.id))!.status).toBe('unsubscribed');
  });

  it('shows the address error next to the field for the chosen channel', async () => {
    const res = await request('POST', '/subscribe', { form: { channel: 'sms', phone: '12', email: '' } });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="f-phone-error"');
  });
});
