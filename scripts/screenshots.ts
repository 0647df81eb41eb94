/**
 * Writes PNG screenshots of the main pages to docs/screenshots/, for the
 * README: `npm exec -- tsx scripts/screenshots.ts`. Starts DynamoDB Local
 * and the app in-process with the demo seed, drives Debian's Chromium.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { countryOption, launchChromium, signIn, startPlatform } from '../tests/browser/support';

const OUT = 'docs/screenshots';

/** The first matching link's target, or null when the page has none (the demo data may not). */
async function firstHref(page: Page, selector: string): Promise<string | null> {
  const link = page.locator(selector).first();
  return (await link.count()) > 0 ? link.getAttribute('href') : null;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const ddb = await startDynamoDbLocal();
  const platform = await startPlatform(ddb.endpoint);
  const browser = await launchChromium();
  try {
    const shoot = async (page: Page, path: string, file: string, fullPage = true) => {
      if (path) await page.goto(path);
      await page.screenshot({ path: `${OUT}/${file}.png`, fullPage });
      console.log(`${OUT}/${file}.png`);
    };
    const desktop = await browser.newContext({ baseURL: platform.baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await desktop.newPage();
    await shoot(page, '/', 'home', false);
    await shoot(page, '/countries/MX', 'country');
    const firstAlert = await page.goto('/').then(() => page.locator('a[href^="/publications/"]').first().getAttribute('href'));
    if (firstAlert) await shoot(page, firstAlert, 'publication');
    await shoot(page, '/subscribe?country=MX', 'subscribe');
    // The country picker with JavaScript: two countries chosen by name, a third typed with its list open.
    await page.goto('/subscribe');
    const picker = page.getByRole('combobox', { name: 'Add a country' });
    for (const [typed, name] of [['turkey', 'Türkiye'], ['nairobi', 'Kenya']] as const) {
      await picker.fill(typed);
      await countryOption(page, name).click();
    }
    await picker.fill('mex');
    await countryOption(page, 'Mexico').waitFor();
    await shoot(page, '', 'country-picker', false);
    await shoot(page, '/levels', 'levels');
    await shoot(page, '/sign-in', 'sign-in', false);

    await page.getByLabel('Email address').fill(platform.demo.users.publisher);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send me a sign-in link' }).click()]);
    await shoot(page, '/dev/outbox', 'outbox', false);
    await Promise.all([page.waitForNavigation(), page.getByRole('row').filter({ hasText: platform.demo.users.publisher }).first().getByRole('link').click()]);
    await shoot(page, '', 'outbox-message', false);

    await signIn(page, platform.demo.users.publisher, platform.baseUrl);
    await shoot(page, '/console', 'console');
    await shoot(page, '/console/new?kind=security-alert', 'console-compose');
    await page.goto('/console');
    const item = await firstHref(page, 'a[href^="/console/publications/"]');
    if (item) await shoot(page, item, 'console-item');

    // An amendment under review (the change table), the search page, and the publish confirmation naming the audience.
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${platform.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${platform.demo.keys.publisher}`, 'content-type': 'application/json', ...init.headers } });
    const mexico = ((await (await api('/v1/countries/MX')).json()) as { advisory: { id: string } | null }).advisory;
    if (mexico) {
      const etag = (await api(`/v1/publications/${mexico.id}`)).headers.get('etag') ?? '';
      await api(`/v1/publications/${mexico.id}`, { method: 'PATCH', headers: { 'if-match': etag }, body: JSON.stringify({ level: 3, indicators: ['C', 'K', 'U'], changeNote: 'Raised to Level 3.', major: true }) });
      await api(`/v1/publications/${mexico.id}/submit`, { method: 'POST' });
      await shoot(page, `/console/publications/${mexico.id}`, 'console-review');
    }
    await shoot(page, '/console/items?q=travel&kind=travel-advisory', 'console-find');
    const alert = (await (
      await api('/v1/publications', {
        method: 'POST',
        body: JSON.stringify({ kind: 'security-alert', title: 'Road closures in Mexico City', countries: ['MX'], summary: 'Roads around the Zócalo are closed on Saturday.', body: '', sharing: 'TLP:CLEAR', actions: ['Avoid the area'] }),
      })
    ).json()) as { id: string };
    await page.goto(`/console/publications/${alert.id}`);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Publish', exact: true }).click()]);
    await shoot(page, '', 'console-confirm', false);

    // The member's organization with a site and a webhook whose endpoint refuses connections, so the portal shows both.
    const asMember = (path: string, body: unknown) =>
      fetch(`${platform.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${platform.demo.keys.member}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await asMember('/v1/sites', { name: 'Nairobi office', lat: -1.2864, lon: 36.8172, country: 'KE' });
    const hook = (await (await asMember('/v1/subscriptions', { channel: 'webhook', url: 'https://hooks.northwind-energy.example/outpost', countries: ['KE', 'TZ'] })).json()) as { id?: string };
    if (hook.id) {
      for (let attempt = 0; attempt < 3; attempt += 1) await platform.deps.deliveries.recordHealth(hook.id, 'retrying', 'network-error: ECONNREFUSED', platform.deps.clock.now());
    }
    const member = await (await browser.newContext({ baseURL: platform.baseUrl, viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(member, platform.demo.users.member, platform.baseUrl);
    await shoot(member, '/portal', 'portal');
    const firstSubscription = await firstHref(member, 'a[href^="/portal/subscriptions/"]');
    if (firstSubscription) await shoot(member, firstSubscription, 'portal-subscription');

    const phone = await (await browser.newContext({ baseURL: platform.baseUrl, viewport: { width: 390, height: 844 } })).newPage();
    await shoot(phone, '/countries/MX', 'country-mobile', false);
  } finally {
    await browser.close();
    await platform.stop();
    await ddb.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
