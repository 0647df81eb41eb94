import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousViolations, useBrowserSuite } from './support';

/**
 * Search in Debian's Chromium against the whole platform on 127.0.0.1 with
 * the demo seed: from the header's search box to the results, narrowing by
 * a facet link and opening a result, with JavaScript off and on (results
 * follow the typing), and axe on the search pages. Bounded: one browser,
 * one server, short timeouts.
 */
const suite = useBrowserSuite();

async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.newContext(options);
  return { context, page: await context.newPage() };
}

const statusText = async (page: Page) => ((await page.locator('#search-status').textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('searching from the header', () => {
  it('finds items from any page, narrows them with a facet link and opens a result (JavaScript off)', async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false });
    await page.goto('/countries/KE');
    await page.getByRole('searchbox', { name: 'Search Outpost' }).fill('Kenya');
    await Promise.all([page.waitForURL(/\/search\?q=Kenya$/), page.getByRole('search', { name: 'Site search' }).getByRole('button', { name: 'Search' }).click()]);
    expect(await statusText(page)).toMatch(/^\d+ results? for “Kenya”\.$/);

    const facets = page.getByRole('navigation', { name: 'Narrow the results' });
    await Promise.all([page.waitForURL(/kind=travel-advisory/), facets.getByRole('link', { name: 'Travel Advisory' }).click()]);
    expect(await statusText(page)).toBe('1 result for “Kenya”.');

    const result = page.getByRole('region', { name: 'Results' }).getByRole('link').first();
    const title = ((await result.textContent()) ?? '').trim();
    await Promise.all([page.waitForURL(/\/publications\/[0-9A-Z]{26}$/), result.click()]);
    expect(((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim()).toBe(title);
    await context.close();
  }, 120_000);

  it('updates the results as one types when JavaScript is on', async () => {
    const { context, page } = await newPage();
    await page.goto('/search');
    const field = page.getByRole('searchbox', { name: 'Search reports, alerts and advisories' });
    await field.pressSequentially('nairob', { delay: 30 });
    await page.waitForFunction(() => /for “nairob”/.test(document.getElementById('search-status')?.textContent ?? ''));
    expect(page.url()).toMatch(/\/search\?q=nairob$/);
    expect(await page.locator('#search-results mark').count()).toBeGreaterThan(0);
    await expectNoSeriousViolations(page, '/search, typed');
    await context.close();
  }, 120_000);
});

describe('search accessibility', () => {
  it('axe finds no serious or critical violations on the search pages', async () => {
    // axe runs in the page, so this context keeps JavaScript on.
    const { context, page } = await newPage();
    for (const path of ['/search', '/search?q=Kenya', '/search?q=Kenya&kind=travel-advisory', '/search?q=zzzzqqq', '/search?q=x&level=9']) {
      await page.goto(path);
      await expectNoSeriousViolations(page, path);
    }
    await context.close();
  }, 120_000);
});
