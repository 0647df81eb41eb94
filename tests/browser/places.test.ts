import { describe, expect, it } from 'vitest';
import { callApi, chooseCountry, expectNoSeriousViolations, go, signIn, text, useBrowserSuite, type ContextOptions } from './support';

/**
 * Places in Debian's Chromium against the whole platform on 127.0.0.1 with
 * the demo seed: a publisher draws a polygon on the compose page's map,
 * publishes, and the publication page draws it; the same with JavaScript
 * off by pasting GeoJSON; axe on the pages that show places. Bounded: one
 * browser, one server, short timeouts.
 */
const suite = useBrowserSuite();

const newContext = (options?: ContextOptions) => suite.newContext(options);

interface Area {
  geometry: { type: string; coordinates: [number, number][][] };
}

describe('drawing an area in the console', () => {
  it('a publisher draws a polygon on the map of Kenya, publishes, and the publication page draws it', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, suite.platform.demo.users.publisher, suite.platform.baseUrl);
    await go(page, page.getByRole('link', { name: 'Compose a publication' }));
    await page.getByLabel('Security Alert').check();
    await go(page, page.getByRole('button', { name: 'Continue' }));
    await page.getByLabel('Title', { exact: true }).fill('Road closures in central Kenya (drawn)');
    // The map follows the countries chosen in the picker.
    await chooseCountry(page, 'kenya', 'Kenya');
    await page.locator('[data-place-map-slot] svg title', { hasText: 'Map of KE' }).waitFor({ state: 'attached' });
    await page.getByLabel('Summary', { exact: true }).fill('Roads closed for a state event.');
    await page.getByLabel('Actions to take').fill('Avoid the area.');

    await page.getByRole('button', { name: 'Draw a polygon' }).click();
    const map = page.locator('[data-place-map-slot] svg');
    const box = (await map.boundingBox())!;
    // Four corners round the middle of the map, which is the middle of Kenya.
    for (const [dx, dy] of [[-0.04, -0.04], [0.04, -0.04], [0.04, 0.04], [-0.04, 0.04]] as const) {
      await map.click({ position: { x: box.width * (0.5 + dx), y: box.height * (0.5 + dy) } });
    }
    await page.getByRole('button', { name: 'Finish the polygon' }).click();
    expect(await text(page.locator('[data-place-status]').first())).toBe('Polygon of 4 corners added to the areas.');
    const areas = JSON.parse(await page.getByLabel('Areas (GeoJSON)').inputValue()) as { type: string; features: Area[] };
    expect(areas.type).toBe('FeatureCollection');
    const ring = areas.features[0]!.geometry.coordinates[0]!;
    expect(areas.features[0]!.geometry.type).toBe('Polygon');
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    for (const [lon, lat] of ring) {
      expect(lon).toBeGreaterThan(34);
      expect(lon).toBeLessThan(42);
      expect(lat).toBeGreaterThan(-5);
      expect(lat).toBeLessThan(5);
    }
    await expectNoSeriousViolations(page, 'compose with a drawn polygon');

    await go(page, page.getByRole('button', { name: 'Save draft' }));
    expect(await text(page.getByRole('status'))).toBe('Draft saved.');
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    await go(page, page.getByRole('button', { name: 'Publish', exact: true }));
    await go(page, page.getByRole('button', { name: 'Yes, publish now' }));
    expect(await text(page.getByRole('status'))).toContain('Published');

    const reader = await (await newContext({ javaScriptEnabled: false })).newPage();
    await reader.goto(`/publications/${id}`);
    const where = reader.getByRole('region', { name: 'Where' });
    await where.waitFor({ state: 'visible' });
    expect(await where.locator('svg path.area').count()).toBe(1);
    expect(await where.getByRole('img').getAttribute('aria-labelledby')).toBeTruthy();
    expect(await text(where.locator('.area-list li'))).toBe('Area 1');
    await context.close();
    await reader.context().close();
  }, 120_000);

  it('with JavaScript off, GeoJSON pasted into the areas field is published and drawn', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, suite.platform.demo.users.publisher, suite.platform.baseUrl);
    await page.goto('/console/new?kind=security-alert');
    expect(await page.getByRole('button', { name: 'Draw a polygon' }).isVisible()).toBe(false);
    await page.getByLabel('Title', { exact: true }).fill('Port closure in Mombasa (pasted)');
    // Without JavaScript the picker is a plain select, posted with the form.
    await page.getByLabel('Add a country').selectOption({ label: 'Kenya' });
    await page.getByLabel('Summary', { exact: true }).fill('The port is closed.');
    await page.getByLabel('Actions to take').fill('Expect delays.');
    const port = { type: 'Feature', properties: { name: 'Mombasa port', radiusKm: 3 }, geometry: { type: 'Point', coordinates: [39.65, -4.05] } };
    await page.getByLabel('Areas (GeoJSON)').fill(JSON.stringify({ type: 'FeatureCollection', features: [port] }));
    await go(page, page.getByRole('button', { name: 'Save draft' }));
    expect(await text(page.getByRole('status'))).toBe('Draft saved.');
    await go(page, page.getByRole('button', { name: 'Publish', exact: true }));
    await go(page, page.getByRole('button', { name: 'Yes, publish now' }));
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.goto(`/publications/${id}`);
    expect(await page.getByRole('region', { name: 'Where' }).locator('svg circle.area').count()).toBe(1);
    expect(await text(page.locator('.area-list li'))).toBe('Mombasa port: within 3 km of -4.05, 39.65');
    await context.close();
  }, 60_000);
});

/** Calls the API with a demo key. */
const api = (method: string, path: string, key: string, body?: unknown) => callApi(suite.platform.baseUrl, method, path, key, body);

describe('places accessibility', () => {
  it('axe finds no serious or critical violations on the pages that show or take places', async () => {
    const { keys } = suite.platform.demo;
    const advisory = await api('POST', '/v1/publications', keys.publisher, {
      kind: 'travel-advisory',
      title: 'Mexico Travel Advisory (levels by state)',
      countries: ['MX'],
      summary: 'Exercise increased caution; do not travel to Colima and Guerrero.',
      body: 'Crime is widespread.',
      sharing: 'TLP:CLEAR',
      level: 2,
      indicators: ['C'],
      areaLevels: [{ level: 4, subdivisions: ['MX-COL', 'MX-GRO'], note: 'Crime and kidnapping.' }],
    });
    await api('POST', `/v1/publications/${advisory.id as string}/approve`, keys.approver);
    await api('POST', `/v1/publications/${advisory.id as string}/publish`, keys.publisher);

    const context = await newContext();
    const page = await context.newPage();
    await page.goto('/countries/MX');
    await page.getByRole('table', { name: 'Where the level differs from the country’s' }).waitFor({ state: 'visible' });
    expect(await text(page.getByRole('cell', { name: /Colima/ }))).toBe('Colima (MX-COL), Guerrero (MX-GRO)');
    await expectNoSeriousViolations(page, '/countries/MX');
    await page.goto(`/publications/${advisory.id as string}`);
    await expectNoSeriousViolations(page, 'a travel advisory with levels by state');
    for (const path of ['/subscribe', '/subscribe?country=KE']) {
      await page.goto(path);
      await expectNoSeriousViolations(page, path);
    }
    await signIn(page, suite.platform.demo.users.publisher, suite.platform.baseUrl);
    await page.goto('/console/new?kind=travel-advisory');
    await expectNoSeriousViolations(page, 'compose a travel advisory');
    await context.close();
  }, 120_000);
});
