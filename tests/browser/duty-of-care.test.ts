import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoSeriousViolations, launchChromium, startPlatform, type RunningPlatform } from './support';

/**
 * Duty of care in Debian's Chromium against the whole platform on
 * 127.0.0.1: a security manager imports travelers' trips from a CSV file,
 * a publisher publishes a Kenya alert, the manager sees the exposure panel
 * on the alert's page and starts a safety check, a traveler answers from
 * the response page (no sign-in, JavaScript off), and the live page's
 * counts change without a reload. axe on each page.
 */
let platform: RunningPlatform;
let browser: Browser;

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  platform = await startPlatform(inject('dynamoEndpoint'));
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function newContext(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: platform.baseUrl, ...options });
  context.setDefaultTimeout(10_000);
  return context;
}

async function go(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

async function text(target: Locator): Promise<string> {
  const first = target.first();
  await first.waitFor();
  return ((await first.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

const messagesTo = (to: string) => platform.outbox.list().filter((m) => m.to === to);

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await go(page, page.getByRole('button', { name: 'Send me a sign-in link' }));
  const message = messagesTo(email).find((m) => m.subject === 'Your Outpost sign-in link');
  const link = /(http\S+\/sign-in\/callback\?\S+)/.exec(message?.text ?? '')?.[1];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await go(page, page.getByRole('button', { name: /^Sign in as / }));
}

describe('duty of care in the portal', () => {
  it('imports trips from a CSV, shows the exposure of a Kenya alert, runs a safety check and shows an answer live', async () => {
    const manager = await (await newContext()).newPage();
    await signIn(manager, platform.demo.users.member);
    await manager.goto('/portal/travelers');
    const csv = [
      'email,name,country,city,from,to',
      `amani.browser@example.org,Amani Browser,Kenya,Nairobi,${day(-1)},${day(3)}`,
      `bahati.browser@example.org,Bahati Browser,KE,Mombasa,${day(0)},${day(2)}`,
      `broken.browser@example.org,Broken Line,Narnia,,${day(0)},${day(2)}`,
    ].join('\n');
    await manager.getByLabel('Itinerary file').setInputFiles({ name: 'trips.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await go(manager, manager.getByRole('button', { name: 'Import' }));
    expect(await text(manager.locator('#import-result .notice'))).toBe('Imported 2 trips; 2 new travelers registered; 1 line refused.');
    expect(await text(manager.locator('.import-errors tbody tr'))).toContain('4');
    expect(await text(manager.locator('.import-errors tbody tr'))).toContain('Narnia');
    expect(await text(manager.locator('#travelers-table'))).toContain('Amani Browser');
    await expectNoSeriousViolations(manager, '/portal/travelers after an import');

    // A publisher publishes a Kenya alert (members only).
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${platform.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${platform.demo.keys.publisher}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const created = (await (await api('POST', '/v1/publications', { kind: 'security-alert', title: 'Browser test: Nairobi protests', countries: ['KE'], summary: 'Protests expected downtown.', body: 'Avoid the area.', sharing: 'TLP:GREEN', actions: ['Avoid crowds'] })).json()) as { id: string };
    expect((await api('POST', `/v1/publications/${created.id}/publish`)).status).toBe(200);

    await manager.goto(`/publications/${created.id}`);
    expect(await text(manager.locator('[data-exposure-count]'))).toBe('2 of your travelers are in Kenya during this alert.');
    await expectNoSeriousViolations(manager, 'an alert page with the exposure panel');
    await manager.getByLabel('Ask them whether they are safe').fill('Protests in Nairobi today. Are you safe?');
    await go(manager, manager.getByRole('button', { name: 'Start a safety check' }));
    expect(manager.url()).toMatch(/\/portal\/safety-checks\/[0-9A-Z]{26}$/);
    expect(await text(manager.locator('[data-count="no-response"]'))).toBe('2');
    expect(await text(manager.locator('[data-count="safe"]'))).toBe('0');
    await expectNoSeriousViolations(manager, 'the live safety-check page');
    // A marker on the window: gone if the page reloaded.
    await manager.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

    // The traveler answers from the link in the email, signed out and with JavaScript off.
    const link = /(http\S+\/r\/[0-9a-z]{16})/.exec(messagesTo('amani.browser@example.org').find((m) => m.text.includes('Protests in Nairobi today'))?.text ?? '')?.[1];
    expect(link).toBeTruthy();
    const traveler = await (await newContext({ javaScriptEnabled: false })).newPage();
    await traveler.goto(link!);
    expect(await text(traveler.locator('blockquote'))).toBe('Protests in Nairobi today. Are you safe?');
    const axePage = await (await newContext()).newPage();
    await axePage.goto(link!);
    await expectNoSeriousViolations(axePage, 'the response page');
    await go(traveler, traveler.getByRole('button', { name: 'I am safe' }));
    expect(await text(traveler.getByRole('status'))).toBe('You answered: I am safe.');

    await manager.waitForFunction(() => document.querySelector('[data-count="safe"]')?.textContent === '1', undefined, { timeout: 10_000 });
    expect(await text(manager.locator('[data-count="no-response"]'))).toBe('1');
    expect(await manager.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    expect(await text(manager.locator('tr[data-status="safe"]'))).toContain('Amani Browser');
  }, 120_000);
});
