import { beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../../../shared/domain/subscription';
import { confirmSubscription } from '../../../shared/services/confirm-subscription';
import { deliverEmail } from '../../../shared/services/deliver-email';
import { addPerson, alertInput, call, makeHarness, type Harness } from '../../support/harness';
import { browse, formsIn, linksIn, pathOf } from '../../support/pages';
import { uniqueAddress } from '../../support/unique';

/**
 * Finding 1: mail scanners and link previews follow every link in a
 * message with GET and HEAD. No link may change anything that way: each
 * opens a page whose button (a POST) acts, and alert emails carry RFC 8058
 * one-click headers so a mail client can unsubscribe with a POST.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
});

const messagesTo = (to: string) => h.deps.outbox!.list().filter((m) => m.to === to);

/** What a scanner does: GET and HEAD every link, as a browser would send them. */
async function scan(links: string[]): Promise<void> {
  for (const link of links) {
    for (const method of ['GET', 'HEAD']) {
      const res = await browse(h, method, pathOf(link));
      expect(res.status, `${method} ${link}`).toBeLessThan(500);
    }
  }
}

/** The one button form of the page a link opens. */
async function buttonOf(link: string) {
  const page = await browse(h, 'GET', pathOf(link));
  expect(page.status).toBe(200);
  const forms = formsIn(page.text).filter((f) => f.method === 'post' && f.action !== '/sign-out');
  expect(forms.length, 'the page acts only through a POST form').toBeGreaterThan(0);
  return forms;
}

async function subscribeAnonymously(channel: 'email' | 'sms', address: string): Promise<Subscription> {
  const created = await call(h, 'POST', '/v1/subscriptions', { body: { channel, address, countries: ['KE'] }, client: '198.51.100.7' });
  expect(created.status, created.text).toBe(201);
  return (await h.deps.subscriptions.get(created.json.id as string))!;
}

async function publishAlert(): Promise<NonNullable<Awaited<ReturnType<Harness['deps']['publications']['get']>>>['current']> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['KE'], 'TLP:CLEAR') });
  expect((await call(h, 'POST', `/v1/publications/${created.json.id}/publish`, { key: publisher.key })).status).toBe(200);
  return (await h.deps.publications.get(created.json.id as string))!.current;
}

describe('links in messages', () => {
  it('an email confirmation link confirms nothing on GET or HEAD; its page confirms with a POST button', async () => {
    const address = uniqueAddress('scanned');
    const pending = await subscribeAnonymously('email', address);
    const links = linksIn(messagesTo(address)[0]!.text);
    expect(links.length).toBeGreaterThan(0);
    await scan(links);
    expect((await h.deps.subscriptions.get(pending.id))!.status).toBe('pending');

    const [form] = await buttonOf(links[0]!);
    expect(form!.button).toBe('Confirm subscription');
    const done = await browse(h, 'POST', form!.action, { form: form!.fields });
    expect(done.status).toBe(200);
    expect((await h.deps.subscriptions.get(pending.id))!.status).toBe('active');
  });

  it('an SMS confirmation link confirms nothing on GET or HEAD either', async () => {
    const number = '+12025550187';
    const pending = await subscribeAnonymously('sms', number);
    await scan(linksIn(messagesTo(number)[0]!.text));
    expect((await h.deps.subscriptions.get(pending.id))!.status).toBe('pending');
  });

  it('the links of an alert email change nothing on GET or HEAD; the page and RFC 8058 one-click unsubscribe with a POST', async () => {
    const address = uniqueAddress('alerted');
    await subscribeAnonymously('email', address);
    const subscription = await confirmSubscription(h.deps, new URL(linksIn(messagesTo(address)[0]!.text)[0]!).searchParams.get('token')!);
    const send = deliverEmail(h.deps as unknown as Parameters<typeof deliverEmail>[0]);
    const results = await send([{ subscription, deliveryId: 'dlv_test' }], (await publishAlert())!, Date.now() + 30_000);
    expect(results.get(subscription.id)?.state).toBe('sent');
    const mail = messagesTo(address).find((m) => m.text.includes('/publications/'))!;

    await scan([...linksIn(mail.text), ...linksIn(mail.html ?? '')]);
    expect((await h.deps.subscriptions.get(subscription.id))!.status).toBe('active');

    // RFC 8058: the header names an https-or-local URL and the one-click POST body.
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const header = /^<([^>]+)>$/.exec(mail.headers?.['List-Unsubscribe'] ?? '')?.[1];
    expect(header).toBeDefined();
    expect(linksIn(mail.text)).toContain(header);
    // The page the same link opens has the one button.
    expect((await buttonOf(header!))[0]!.button).toBe('Unsubscribe');
    // A mailbox provider's one-click POST: no Origin, no cookie, no CSRF token, just the link and the body.
    const oneClick = await h.app.request(
      new Request(header!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }),
    );
    expect(oneClick.status).toBe(200);
    expect((await h.deps.subscriptions.get(subscription.id))!.status).toBe('unsubscribed');
  });

  it('a personal-data link shows or erases nothing on GET or HEAD; its page does both with POST buttons', async () => {
    const address = uniqueAddress('owner');
    await subscribeAnonymously('email', address);
    expect((await call(h, 'POST', '/v1/personal-data/requests', { body: { address }, client: '198.51.100.8' })).status).toBe(202);
    const message = messagesTo(address).find((m) => m.subject === 'Your personal data at Outpost')!;
    const links = linksIn(message.text);
    await scan(links);
    expect(await h.deps.subscriptions.listByAddress(address)).toHaveLength(1);
    const audit = await h.deps.auditLog.list(200);
    expect(audit.items.filter((e) => e.action === 'personal-data.exported')).toHaveLength(0);

    const forms = await buttonOf(links[0]!);
    const erase = forms.find((f) => f.action === '/personal-data/erase')!;
    const exported = await browse(h, 'POST', forms.find((f) => f.action === '/personal-data/export')!.action, { form: forms[0]!.fields });
    expect(exported.text).toContain(address);
    expect((await browse(h, 'POST', erase.action, { form: erase.fields })).status).toBe(200);
    expect(await h.deps.subscriptions.listByAddress(address)).toHaveLength(0);
  });

  it('the old API links answer GET and HEAD with the page (browsers) or where to POST (programs), changing nothing', async () => {
    const address = uniqueAddress('legacy');
    const pending = await subscribeAnonymously('email', address);
    const token = new URL(linksIn(messagesTo(address)[0]!.text)[0]!).searchParams.get('token')!;
    for (const path of [`/v1/subscriptions/confirm?token=${encodeURIComponent(token)}`, `/v1/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`]) {
      for (const method of ['GET', 'HEAD']) {
        const browser = await call(h, method, path, { headers: { accept: 'text/html,application/xhtml+xml' } });
        expect(browser.status, `${method} ${path} from a browser`).toBe(303);
        expect(browser.headers.get('location')).toMatch(/\/subscribe\/(confirm|unsubscribe)\?token=/);
        const program = await call(h, method, path, { headers: { accept: 'application/json' } });
        expect(program.status, `${method} ${path} from a program`).toBe(200);
        if (method === 'GET') expect(program.json).toMatchObject({ page: expect.stringMatching(/\/subscribe\/(confirm|unsubscribe)\?token=/), action: { method: 'POST', path: expect.stringMatching(/^\/v1\/subscriptions\/(confirm|unsubscribe)\?token=/) } });
      }
    }
    expect((await h.deps.subscriptions.get(pending.id))!.status).toBe('pending');
  });
});
