import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, chooseCountry, expectNoSeriousViolations, go, outbox, signIn, text, useBrowserSuite, type ContextOptions } from './support';

/**
 * The web UI in Debian's Chromium against the whole platform on 127.0.0.1
 * with the demo seed: the map, the console flow from draft to published
 * with a second publisher's approval, subscribing with JavaScript off, a
 * newcomer signing in through the outbox page, and axe on every page. Bounded: one browser, one server, short timeouts.
 */
const suite = useBrowserSuite();

const newContext = (options?: ContextOptions) => suite.newContext(options);

describe('home map', () => {
  it('colours each country by its current advisory level, as the API reports it', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto('/');
    const countries = (await (await fetch(`${suite.platform.baseUrl}/v1/countries`)).json()) as { items?: { code: string; level: number | null }[] } | { code: string; level: number | null }[];
    const list = Array.isArray(countries) ? countries : (countries.items ?? []);
    const levelled = list.filter((c) => c.level !== null);
    expect(levelled.length).toBeGreaterThan(3);
    for (const c of levelled) {
      expect(await page.locator(`svg path[data-cc="${c.code}"]`).getAttribute('data-level')).toBe(String(c.level));
    }
    const unlevelled = list.find((c) => c.level === null)!;
    expect(await page.locator(`svg path[data-cc="${unlevelled.code}"]`).getAttribute('data-level')).toBeNull();
    await page.getByRole('table').first().waitFor({ state: 'visible' });
    await context.close();
  });
});

describe('publishing in the console', () => {
  it('a publisher composes a travel advisory, a second publisher approves, the first publishes; the country page and the outbox show it', async () => {
    const authorContext = await newContext();
    const author = await authorContext.newPage();
    await signIn(author, suite.platform.demo.users.publisher, suite.platform.baseUrl);
    expect(author.url()).toMatch(/\/console$/);
    await go(author, author.getByRole('link', { name: 'Compose a publication' }));
    await author.getByLabel('Travel Advisory').check();
    await go(author, author.getByRole('button', { name: 'Continue' }));
    await author.getByLabel('Title').fill('Iceland Travel Advisory');
    // The country picker, by name: type, then choose from the list.
    await chooseCountry(author, 'iceland', 'Iceland');
    await author.getByLabel('Summary').fill('Exercise increased caution because of volcanic activity.');
    await author.getByLabel('Body').fill('## Volcanic activity\n\nFollow **civil protection** instructions.');
    await author.getByLabel('Advisory level').selectOption('2');
    await author.getByLabel('N – Natural Disaster').check();
    await go(author, author.getByRole('button', { name: 'Preview' }));
    expect(await text(author.locator('.preview .body strong'))).toBe('civil protection');
    await go(author, author.getByRole('button', { name: 'Save draft' }));
    expect(await text(author.getByRole('status'))).toBe('Draft saved.');
    const publicationPath = new URL(author.url()).pathname;
    expect(await author.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    const approverContext = await newContext();
    const approver = await approverContext.newPage();
    await signIn(approver, suite.platform.demo.users.approver, suite.platform.baseUrl);
    await approver.goto(publicationPath);
    await go(approver, approver.getByRole('button', { name: 'Approve' }));
    expect(await text(approver.getByRole('status'))).toContain('Approved');

    await author.reload();
    await author.getByRole('heading', { name: 'Audience estimate' }).waitFor({ state: 'visible' });
    await go(author, author.getByRole('button', { name: 'Publish', exact: true }));
    await go(author, author.getByRole('button', { name: 'Yes, publish now' }));
    expect(await text(author.getByRole('status'))).toContain('Published');
    await author.getByRole('heading', { name: 'Delivery status' }).waitFor({ state: 'visible' });

    const reader = await (await newContext()).newPage();
    await reader.goto('/countries/IS');
    await reader.getByText('Level 2: Exercise Increased Caution').first().waitFor({ state: 'visible' });
    await reader.goto('/');
    expect(await reader.locator('svg path[data-cc="IS"]').getAttribute('data-level')).toBe('2');

    await reader.goto('/v1/dev/outbox');
    const body = await reader.locator('body').innerText();
    expect(body).toContain('Your Outpost sign-in link');
    await authorContext.close();
    await approverContext.close();
  }, 120_000);
});

describe('subscribing with JavaScript off', () => {
  it('an anonymous person subscribes to a country by email and confirms from the outbox link', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/subscribe?country=KE');
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Get alerts for Kenya');
    await page.getByText('More choices').click();
    await page.getByLabel('Security Alert').check();
    await page.getByLabel('Email', { exact: true }).check();
    await page.getByLabel('Email address').fill('nojs-traveller@example.org');
    await go(page, page.getByRole('button', { name: 'Subscribe' }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Check your inbox');
    const message = (await outbox(suite.platform.baseUrl)).find((m) => m.to === 'nojs-traveller@example.org');
    const token = /token=([^\s&"]+)/.exec(message?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    await page.goto(`/subscribe/confirm?token=${token}`);
    // Opening the link changes nothing; the page's button confirms.
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Confirm your subscription');
    await go(page, page.getByRole('button', { name: 'Confirm subscription' }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('You’re subscribed to Kenya alerts');
    await context.close();
  });
});

describe('a newcomer signs in without curl', () => {
  it('asks for a sign-in link, finds it on the outbox page, follows it and lands signed in', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const email = suite.platform.demo.users.member;
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await go(page, page.getByRole('button', { name: 'Send me a sign-in link' }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Check your email');
    await go(page, page.getByRole('link', { name: 'outbox', exact: true }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Outbox');
    await expectNoSeriousViolations(page, '/dev/outbox');
    // Newest first: the first row for this address is the link just asked for.
    const row = page.getByRole('row').filter({ hasText: email }).first();
    await go(page, row.getByRole('link', { name: 'Your Outpost sign-in link' }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Your Outpost sign-in link');
    await expectNoSeriousViolations(page, 'an outbox message');
    await go(page, page.getByRole('link', { name: /\/sign-in\/callback\?token=/ }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Sign in to Outpost');
    await expectNoSeriousViolations(page, 'the sign-in link page');
    await go(page, page.getByRole('button', { name: /^Sign in as / }));
    expect(new URL(page.url()).pathname).toBe('/portal');
    expect(await text(page.locator('.account'))).toContain('Signed in as');
    await context.close();
  }, 120_000);

  it('shows an email’s HTML part in a sandboxed frame whose links open in the window', async () => {
    const to = 'html-reader@example.org';
    await suite.platform.outbox.sendEmail({
      to,
      subject: 'Kenya: demonstrations in Nairobi',
      text: `Read it on Outpost: ${suite.platform.baseUrl}/countries/KE`,
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kenya</title></head><body style="font-family:Arial,sans-serif;color:#1b1b1b"><h1 style="font-size:1.4em">Demonstrations in Nairobi</h1><p><a href="${suite.platform.baseUrl}/countries/KE">Read it on Outpost</a></p><script>document.title = 'scripted'</script></body></html>`,
    });
    const context = await newContext();
    const page = await context.newPage();
    await page.goto('/dev/outbox');
    await go(page, page.getByRole('row').filter({ hasText: to }).first().getByRole('link'));
    const frame = page.frameLocator('iframe.message-html');
    expect(await text(frame.getByRole('heading', { level: 1 }))).toBe('Demonstrations in Nairobi');
    // Its inline styles apply (the frame's own policy allows them); its script does not run.
    expect(await frame.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).fontFamily)).toContain('Arial');
    expect(await frame.locator('title').textContent()).toBe('Kenya');
    // The frame is the email's own markup in a sandbox without scripts: axe checks the page around it (the frame's title is asserted in tests/integration/web/outbox-page.test.ts).
    await expectNoSeriousViolations(page, 'an outbox email with HTML', ['iframe.message-html']);
    await go(page, frame.getByRole('link', { name: 'Read it on Outpost' }));
    expect(new URL(page.url()).pathname).toBe('/countries/KE');
    await context.close();
  });
});

/**
 * One test per page, each with its own time budget: axe takes one to four
 * seconds a page here, and several times that while the rest of the suite
 * shares the two cores, so a single test over every page ran out of time.
 */
describe('accessibility', () => {
  const contexts: BrowserContext[] = [];
  const as = async (email?: string): Promise<Page> => {
    const context = await newContext();
    contexts.push(context);
    const page = await context.newPage();
    if (email) await signIn(page, email, suite.platform.baseUrl);
    return page;
  };
  let anonymous: Page;
  let publisher: Page;
  let member: Page;
  let advisoryId = '';

  beforeAll(async () => {
    // A published travel advisory of this describe's own, so its pages are checked whatever the tests above did.
    const { baseUrl, demo } = suite.platform;
    const call = (path: string, key: string, body?: unknown) => callApi(baseUrl, 'POST', path, key, body);
    const draft = await call('/v1/publications', demo.keys.publisher, {
      kind: 'travel-advisory', title: 'Finland Travel Advisory', countries: ['FI'], sharing: 'TLP:CLEAR', level: 1, indicators: ['N'],
      summary: 'Exercise normal precautions; winter storms can close roads.', body: '## Winter\n\nCheck **road conditions** before driving.',
    });
    advisoryId = draft.id as string;
    await call(`/v1/publications/${advisoryId}/submit`, demo.keys.publisher);
    await call(`/v1/publications/${advisoryId}/approve`, demo.keys.approver);
    await call(`/v1/publications/${advisoryId}/publish`, demo.keys.publisher);
    anonymous = await as();
    publisher = await as(demo.users.publisher);
    member = await as(demo.users.member);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  it.each(['/', '/countries/KE', '/countries?q=ken', '/subscribe', '/sign-in', '/no-such-page'])('axe finds no serious or critical violations on %s', async (path) => {
    await anonymous.goto(path);
    await expectNoSeriousViolations(anonymous, path);
  });

  it('axe finds no serious or critical violations on a published item’s public page', async () => {
    await anonymous.goto(`/publications/${advisoryId}`);
    await anonymous.getByRole('heading', { level: 1, name: 'Finland Travel Advisory' }).waitFor();
    await expectNoSeriousViolations(anonymous, 'a published item');
  });

  it.each(['/console', '/console/new', '/console/new?kind=security-alert'])('axe finds no serious or critical violations on %s, signed in as a publisher', async (path) => {
    await publisher.goto(path);
    await expectNoSeriousViolations(publisher, path);
  });

  it.each([
    ['console page', ''],
    ['edit page', '/edit'],
  ])('axe finds no serious or critical violations on a published item’s %s', async (_page, suffix) => {
    const path = `/console/publications/${advisoryId}${suffix}`;
    await publisher.goto(path);
    await expectNoSeriousViolations(publisher, path);
  });

  it('axe finds no serious or critical violations on the compose form with errors', async () => {
    await publisher.goto('/console/new?kind=security-alert');
    await go(publisher, publisher.getByRole('button', { name: 'Save draft' }));
    await publisher.locator('.error-summary').waitFor({ state: 'visible' });
    await expectNoSeriousViolations(publisher, 'compose form with errors');
  });

  it('axe finds no serious or critical violations on the member portal', async () => {
    await member.goto('/portal');
    await expectNoSeriousViolations(member, '/portal');
  });
});

describe('delivery progress in the console', () => {
  it('shows a running fan-out advancing to done without a reload', async () => {
    const subscribers = 30;
    const now = suite.platform.deps.clock.now();
    for (let i = 0; i < subscribers; i += 1) {
      await suite.platform.deps.subscriptions.create(
        { id: suite.platform.deps.ids.next(), channel: 'email', address: `progress${i}@example.org`, status: 'active', createdAt: now, filters: { countries: ['LU'], regions: [], kinds: [] } },
        [],
      );
    }
    const release = suite.platform.holdEmail();
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, suite.platform.demo.users.publisher, suite.platform.baseUrl);
    const api = (path: string, body?: unknown) =>
      fetch(`${suite.platform.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${suite.platform.demo.keys.publisher}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const draft = (await (await api('/v1/publications', { kind: 'security-alert', title: 'Luxembourg: road closures', countries: ['LU'], summary: 'Closures around the city centre.', body: 'Plan extra time.', sharing: 'TLP:CLEAR', actions: ['Avoid the centre'] })).json()) as { id: string };
    expect((await api(`/v1/publications/${draft.id}/publish`)).status).toBe(200);

    try {
      await page.goto(`/console/publications/${draft.id}`);
      const email = page.locator('[data-channel="email"]');
      // The sends are held: the email fan-out is under way, recipients matched and none settled.
      await page.getByText(/^Sending: 0 of \d+/).waitFor({ timeout: 20_000 });
      expect(await email.getAttribute('data-state')).toBe('sending');
      await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

      release();
      await page.locator('[data-channel="email"][data-state="done"]').waitFor({ timeout: 20_000 });
      expect(await text(email.locator('.progress-label'))).toMatch(new RegExp(`^Email Done: ${subscribers} sent, [\\d.]+ (ms|s) from publishing to the last delivery$`));
      expect(await email.locator('progress').getAttribute('value')).toBe(String(subscribers));
      expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker), 'no reload').toBe('same page');
      await expectNoSeriousViolations(page, 'console item with delivery progress');
    } finally {
      release();
      await context.close();
    }
  }, 120_000);
});
