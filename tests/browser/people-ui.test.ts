import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chooseCountry, countryOption, expectNoSeriousViolations, go, launchChromium, outbox, signIn, startPlatform, text, type RunningPlatform } from './support';

/**
 * Travelers and members in Debian's Chromium: the country picker by name
 * with JavaScript and without, the alerts link on a phone-sized country
 * page, the levels page and its badges, the links in a confirmation email,
 * and a member adding, testing, pausing and deleting a webhook in the
 * portal; axe on every page these touch.
 */
let platform: RunningPlatform;
let browser: Browser;
let receiver: Server;
let receiverUrl = '';
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  platform = await startPlatform(inject('dynamoEndpoint'));
  browser = await launchChromium();
  // A member's webhook endpoint on this machine (local mode allows loopback over http).
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/outpost-hook`;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

async function newContext(options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: platform.baseUrl, ...options });
  context.setDefaultTimeout(10_000);
  return context;
}

/** The newest message the outbox holds for an address. */
async function latestTo(address: string) {
  const message = (await outbox(platform.baseUrl)).find((m) => m.to === address);
  expect(message, `a message to ${address}`).toBeTruthy();
  return message!;
}

describe('the country picker', () => {
  it('with JavaScript: finds countries by name, alternative name and code, lists them, and removes one', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto('/subscribe');
    const box = page.getByRole('combobox', { name: 'Add a country' });
    await box.fill('turkey');
    await countryOption(page, 'Türkiye').waitFor();
    await box.press('Enter');
    await box.fill('USA');
    await countryOption(page, 'United States').click();
    await box.fill('mx');
    await box.press('ArrowDown');
    await box.press('Enter');
    const chosen = page.getByRole('list', { name: 'Chosen countries' });
    expect(await chosen.getByRole('listitem').allTextContents()).toEqual(['Türkiye Remove', 'United States Remove', 'Mexico Remove']);
    // Remove reads as a link in the page's link colour (not the header's white).
    expect(await chosen.getByRole('button', { name: 'Remove Mexico' }).evaluate((el) => getComputedStyle(el).color)).toBe('rgb(11, 79, 156)');
    await chosen.getByRole('button', { name: 'Remove United States' }).click();
    expect(await chosen.getByRole('listitem').count()).toBe(2);
    await expectNoSeriousViolations(page, '/subscribe with the combobox open');

    const address = 'picker-js@example.org';
    await page.getByLabel('Email address').fill(address);
    await go(page, page.getByRole('button', { name: 'Subscribe' }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Check your inbox');
    // The page repeats the address, so a typo shows.
    expect(await text(page.locator('.sent-to'))).toBe(address);
    await expectNoSeriousViolations(page, 'check your inbox');
    const message = await latestTo(address);
    expect(/Alerts about: (.*)/.exec(message.text)?.[1]?.split(', ').sort()).toEqual(['Mexico', 'Türkiye']);

    // The confirm link in the email opens a web page; its button confirms.
    const link = /(http\S+\/subscribe\/confirm\?token=\S+)/.exec(message.text)?.[1];
    expect(link).toBeTruthy();
    const opened = await page.goto(link!);
    expect(opened?.headers()['content-type']).toMatch(/^text\/html/);
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Confirm your subscription');
    await expectNoSeriousViolations(page, 'the confirmation link page');
    await go(page, page.getByRole('button', { name: 'Confirm subscription' }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toMatch(/^You’re subscribed to (Mexico and Türkiye|Türkiye and Mexico) alerts$/);
    await expectNoSeriousViolations(page, 'the confirmed page');
    await context.close();
  }, 120_000);

  it('without JavaScript: adds countries from a plain select, one at a time, and removes one by unticking it', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/subscribe');
    await page.getByLabel('Add a country').selectOption({ label: 'Mexico' });
    await go(page, page.getByRole('button', { name: 'Add', exact: true }));
    expect(await page.getByRole('checkbox', { name: 'Mexico' }).isChecked()).toBe(true);
    await page.getByLabel('Add another country').selectOption({ label: 'Ivory Coast' });
    await go(page, page.getByRole('button', { name: 'Add', exact: true }));
    await page.getByRole('checkbox', { name: 'Mexico' }).uncheck();
    await page.getByLabel('Security Alert').check();
    const address = 'picker-nojs@example.org';
    await page.getByLabel('Email address').fill(address);
    await go(page, page.getByRole('button', { name: 'Subscribe' }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Check your inbox');
    const message = await latestTo(address);
    // Content types by their names, not their codes.
    expect(message.text).toContain('Alerts about: Ivory Coast; Security Alert');
    expect(message.text).not.toContain('security-alert');

    // The confirm link in the email opens a web page; its button confirms; the manage link opens a page too.
    const link = /(http\S+\/subscribe\/confirm\?token=\S+)/.exec(message.text)?.[1];
    expect(link).toBeTruthy();
    const opened = await page.goto(link!);
    expect(opened?.headers()['content-type']).toMatch(/^text\/html/);
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Confirm your subscription');
    await go(page, page.getByRole('button', { name: 'Confirm subscription' }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('You’re subscribed to Ivory Coast alerts');
    await go(page, page.getByRole('link', { name: 'Change what you receive' }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Manage your subscription');
    expect(await page.getByRole('checkbox', { name: 'Ivory Coast' }).isChecked()).toBe(true);
    await context.close();
  });

  it('says which country it could not find, in words, with “Error:” in the title and focus on the summary', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto('/subscribe');
    await page.getByLabel('Email address').fill('picker-error@example.org');
    // Text left in the box that names no country is posted as typed.
    await page.getByRole('combobox', { name: 'Add a country' }).fill('Atlantis');
    await go(page, page.getByRole('button', { name: 'Subscribe' }));
    expect(await page.title()).toMatch(/^Error: /);
    expect(await text(page.locator('.error-summary'))).toContain("Country 'Atlantis' — choose it from the list");
    expect(await page.locator('#error-summary:focus').count()).toBe(1);
    await expectNoSeriousViolations(page, 'subscribe with an unknown country');
    await context.close();
  });
});

describe('country pages and levels', () => {
  it('a country page on a 390×844 phone shows “Get alerts for Kenya” above the fold, leading to a short form with Kenya chosen', async () => {
    const context = await newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto('/countries/KE');
    const link = page.getByRole('link', { name: 'Get alerts for Kenya' });
    const box = await link.boundingBox();
    expect(box).toBeTruthy();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await expectNoSeriousViolations(page, '/countries/KE on a phone');
    await go(page, link);
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Get alerts for Kenya');
    expect(await page.getByRole('list', { name: 'Chosen countries' }).getByRole('listitem').allTextContents()).toEqual(['Kenya Remove']);
    await expectNoSeriousViolations(page, '/subscribe?country=KE');
    await context.close();
  }, 120_000);

  it('/levels explains each level, and every level badge on the site links to it', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto('/levels');
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('What the advisory levels mean');
    for (const level of [1, 2, 3, 4]) await page.locator(`#level-${level}`).waitFor();
    await expectNoSeriousViolations(page, '/levels');

    const countries = (await (await fetch(`${platform.baseUrl}/v1/countries`)).json()) as { items?: { code: string; level: number | null }[] } | { code: string; level: number | null }[];
    const levelled = (Array.isArray(countries) ? countries : (countries.items ?? [])).filter((c) => c.level !== null).slice(0, 3);
    expect(levelled.length).toBeGreaterThan(0);
    for (const country of levelled) {
      await page.goto(`/countries/${country.code}`);
      const badges = page.locator('main .level');
      expect(await badges.count()).toBeGreaterThan(0);
      for (const badge of await badges.all()) {
        expect(await badge.evaluate((el) => el.tagName)).toBe('A');
        expect(await badge.getAttribute('href')).toBe(`/levels#level-${country.level}`);
      }
      expect(await text(page.locator('main .level-meaning'))).not.toBe('');
    }
    await page.goto('/');
    await go(page, page.getByRole('list', { name: 'Map legend' }).getByRole('link', { name: 'What the levels mean' }));
    expect(new URL(page.url()).pathname).toBe('/levels');
    await context.close();
  });

  it('shows anonymous visitors “Sign in” instead of the portal and console', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Site' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Home', 'Subscribe']);
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    await context.close();
  });
});

describe('webhooks in the portal', () => {
  it('a member adds a webhook, sees its secret once, sends a signed test delivery, pauses, resumes and deletes it', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, platform.demo.users.member, platform.baseUrl);
    await page.goto('/portal');
    expect(await page.getByLabel('Email address').inputValue()).toBe(platform.demo.users.member);
    await page.getByLabel('Webhook (an HTTPS endpoint of yours)').check();
    await page.getByLabel('Webhook URL').fill(receiverUrl);
    await chooseCountry(page, 'nairobi', 'Kenya');
    await expectNoSeriousViolations(page, '/portal with the add form filled');
    await go(page, page.getByRole('button', { name: 'Add', exact: true }));
    const secret = await page.getByLabel('Signing secret').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await expectNoSeriousViolations(page, '/portal with a new webhook’s secret');

    const row = page.getByRole('row').filter({ hasText: '127.0.0.1' }).first();
    await go(page, row.getByRole('button', { name: /^Send a test delivery to / }));
    expect(await text(page.getByRole('status'))).toBe('Test delivery: Delivered: the endpoint answered HTTP 204.');
    const test = received.at(-1)!;
    expect(JSON.parse(test.body)).toMatchObject({ type: 'test' });
    const signature = String(test.headers['outpost-signature']);
    const t = /t=(\d+)/.exec(signature)?.[1];
    expect(signature).toBe(`t=${t},v1=${createHmac('sha256', secret).update(`${t}.${test.body}`).digest('hex')}`);

    await go(page, page.getByRole('row').filter({ hasText: '127.0.0.1' }).first().getByRole('button', { name: /^Pause / }));
    expect(await text(page.getByRole('row').filter({ hasText: '127.0.0.1' }).first())).toContain('Paused');
    await go(page, page.getByRole('row').filter({ hasText: '127.0.0.1' }).first().getByRole('button', { name: /^Resume / }));
    expect(await text(page.getByRole('row').filter({ hasText: '127.0.0.1' }).first())).toContain('Active');

    await go(page, page.getByRole('row').filter({ hasText: '127.0.0.1' }).first().getByRole('link', { name: /^Edit or delete / }));
    await expectNoSeriousViolations(page, 'the portal’s subscription page');
    await go(page, page.getByRole('button', { name: 'Delete this subscription' }));
    await expectNoSeriousViolations(page, 'the delete confirmation');
    await go(page, page.getByRole('button', { name: 'Yes, delete it' }));
    expect(await text(page.getByRole('status'))).toBe('The subscription is deleted.');
    expect(await page.getByRole('row').filter({ hasText: '127.0.0.1' }).count()).toBe(0);
    await context.close();
  }, 120_000);
});
