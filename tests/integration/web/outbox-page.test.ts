import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, BASE_URL, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';
import { followSignInLink } from '../../support/pages';

/**
 * The local outbox as pages (/dev/outbox): what a newcomer uses to sign in
 * and confirm subscriptions without curl. Local mode only; in AWS the paths
 * are not routes.
 */
let h: Harness;
let member: Awaited<ReturnType<typeof addPerson>>;

const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

async function get(harness: Harness, path: string, headers: Record<string, string> = {}) {
  const res = await harness.app.request(new Request(`${BASE_URL}${path}`, { headers: { accept: 'text/html', ...headers }, redirect: 'manual' }));
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The hrefs of the links in a page's `<main>`, entities decoded. */
function linksIn(html: string): string[] {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  return [...main.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

async function emailOf(personId: string): Promise<string> {
  return (await h.deps.directory.getPerson(personId))!.email;
}

beforeAll(async () => {
  h = await makeHarness();
  member = await addPerson(h, 'member');
});

describe('the outbox page in local mode', () => {
  it('lists a sent sign-in email, newest first, and its page carries a sign-in link that works', async () => {
    const email = await emailOf(member.personId);
    const asked = await h.app.request(
      new Request(`${BASE_URL}/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL }, body: new URLSearchParams({ email }).toString() }),
    );
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('href="/dev/outbox"');
    const later = uniqueAddress('later');
    await h.deps.outbox!.sendSms({ to: '+12025550123', text: `A newer text for ${later}` });

    const list = await get(h, '/dev/outbox');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(list.headers.get('content-security-policy')).toBe(PAGE_CSP);
    const rows = [...list.text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).slice(1);
    expect(rows[0]).toContain('SMS');
    expect(rows[0]).toContain(`A newer text for ${later}`);
    const signInRow = rows.find((row) => row.includes(email))!;
    expect(signInRow).toContain('Email');
    expect(signInRow).toContain('Your Outpost sign-in link');
    expect(signInRow).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC<\/time>/);

    const detailPath = /<a href="(\/dev\/outbox\/[0-9A-Z]{26})">Your Outpost sign-in link<\/a>/.exec(signInRow)![1]!;
    const detail = await get(h, detailPath);
    expect(detail.status).toBe(200);
    expect(detail.headers.get('cache-control')).toBe('no-store');
    expect(detail.text).toContain(email);
    const signInLink = linksIn(detail.text).find((href) => href.includes('/sign-in/callback?token='))!;
    expect(signInLink.startsWith(`${BASE_URL}/sign-in/callback?token=`)).toBe(true);

    // The link opens a page whose button signs in.
    const followed = await followSignInLink(h, signInLink);
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe('/portal');
    const cookie = (followed.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).not.toBe('');
    const portal = await get(h, '/portal', { cookie });
    expect(portal.status).toBe(200);
    expect(portal.text).toContain('Signed in as');
  });

  it('shows an SMS and the plain text of an email with their links, escaping what they contain', async () => {
    const to = uniqueAddress('reader');
    await h.deps.outbox!.sendEmail({
      to,
      subject: 'Confirm <b>now</b>',
      text: `Confirm: ${BASE_URL}/subscribe/confirm?token=abc&x=1.\n<script>alert(1)</script>`,
    });
    const id = h.deps.outbox!.list()[0]!.id;
    const detail = await get(h, `/dev/outbox/${id}`);
    expect(detail.text).toContain('<h1>Confirm &lt;b&gt;now&lt;/b&gt;</h1>');
    expect(detail.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(detail.text).not.toContain('<script>');
    // The sentence's full stop stays out of the link.
    expect(linksIn(detail.text)).toContain(`${BASE_URL}/subscribe/confirm?token=abc&x=1`);
    expect(detail.text).not.toContain('<iframe');
    expect(detail.headers.get('content-security-policy')).toBe(`${PAGE_CSP}; frame-src 'self'`);

    await h.deps.outbox!.sendSms({ to: '+12025550188', text: `Outpost: reply or open ${BASE_URL}/s/abc123 to stop` });
    const sms = await get(h, `/dev/outbox/${h.deps.outbox!.list()[0]!.id}`);
    expect(sms.text).toContain('<h1>Text message</h1>');
    expect(sms.text).toContain('+12025550188');
    expect(linksIn(sms.text)).toContain(`${BASE_URL}/s/abc123`);
  });

  it('frames an email’s HTML part from a sandboxed document whose links open in the top window', async () => {
    const to = uniqueAddress('alerts');
    await h.deps.outbox!.sendEmail({
      to,
      subject: 'Alert with HTML',
      text: 'Plain part',
      html: `<!doctype html><html lang="en"><head><title>Alert</title></head><body><p style="color:#1b1b1b">Alert</p><a href="${BASE_URL}/subscribe/unsubscribe?token=t">Unsubscribe</a><script>alert(1)</script></body></html>`,
      headers: { 'List-Unsubscribe': `<${BASE_URL}/subscribe/unsubscribe?token=t>` },
    });
    const id = h.deps.outbox!.list()[0]!.id;
    const detail = await get(h, `/dev/outbox/${id}`);
    expect(detail.text).toMatch(new RegExp(`<iframe[^>]*src="/dev/outbox/${id}/html"`));
    expect(detail.text).toMatch(/<iframe[^>]*sandbox="allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox"/);
    expect(detail.text).toMatch(/<iframe[^>]*title="[^"]+"/);
    expect(detail.text).not.toContain('alert(1)');
    expect(detail.text).toContain('List-Unsubscribe');

    const framed = await get(h, `/dev/outbox/${id}/html`);
    expect(framed.status).toBe(200);
    expect(framed.headers.get('content-type')).toContain('text/html');
    const csp = framed.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^sandbox allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox;/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("frame-ancestors 'self'");
    expect(framed.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(framed.headers.get('cache-control')).toBe('no-store');
    expect(framed.text).toContain('<head><base target="_top"><title>Alert</title>');
    expect(framed.text).toContain(`href="${BASE_URL}/subscribe/unsubscribe?token=t"`);
    // Every other page still refuses to be framed.
    expect((await get(h, '/dev/outbox')).headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers 404 for a message that is not there, a malformed id, and the HTML of a text-only message', async () => {
    expect((await get(h, '/dev/outbox/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await get(h, '/dev/outbox/not-an-id')).status).toBe(404);
    await h.deps.outbox!.sendSms({ to: '+12025550111', text: 'Text only' });
    expect((await get(h, `/dev/outbox/${h.deps.outbox!.list()[0]!.id}/html`)).status).toBe(404);
  });

  it('says where the sign-in link goes on the sign-in page', async () => {
    const page = await get(h, '/sign-in');
    expect(page.text).toContain('<a href="/dev/outbox">outbox</a>');
  });
});

describe('the outbox page in AWS mode', () => {
  it('does not exist: every outbox path is a 404, and the sign-in page does not mention it', async () => {
    const aws = await makeHarness({ config: { ...h.deps.config, mode: 'aws' } });
    const sent = h.deps.outbox!.list()[0]!.id;
    for (const path of ['/dev/outbox', `/dev/outbox/${sent}`, `/dev/outbox/${sent}/html`]) {
      const res = await get(aws, path);
      expect(res.status, path).toBe(404);
      expect(res.text, path).toContain('Page not found');
    }
    expect(aws.routes.some((route) => route.path.startsWith('/dev/'))).toBe(false);
    expect((await get(aws, '/sign-in')).text).not.toContain('/dev/outbox');
  });
});
