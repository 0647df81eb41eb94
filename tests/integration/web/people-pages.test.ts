import { beforeAll, describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../../../shared/ports/webhook-sender';
import { addPerson, advisoryInput, call, makeHarness, type Harness } from '../../support/harness';
import { browse as browsePage } from '../../support/pages';
import { uniqueAddress } from '../../support/unique';

/**
 * The pages travelers and members use, as a browser without JavaScript
 * posts them: countries found by name, the levels page and badges, the
 * navigation by who is signed in, subscribing with the picker's "Add"
 * button, and the portal's management of subscriptions and webhooks.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;
const posted: WebhookRequest[] = [];
let ip = 0;

beforeAll(async () => {
  // The portal's test deliveries land here: a recording endpoint that answers 204.
  h = await makeHarness({ webhooks: { post: async (request) => (posted.push(request), { kind: 'response', status: 204 }) } });
  publisher = await addPerson(h, 'publisher');
  member = await addPerson(h, 'member');
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: advisoryInput('KE', 3, { indicators: ['C'] }) });
  expect(created.status, created.text).toBe(201);
  const approver = await addPerson(h, 'publisher', publisher.org);
  await call(h, 'POST', `/v1/publications/${created.json.id as string}/approve`, { key: approver.key });
  expect((await call(h, 'POST', `/v1/publications/${created.json.id as string}/publish`, { key: publisher.key })).status).toBe(200);
});

/** A browser request without JavaScript: forms url-encoded (repeated names allowed), the site's Origin, a key when given. */
function browse(method: string, path: string, options: { form?: Record<string, string | string[]>; key?: string } = {}) {
  return browsePage(h, method, path, { ...(options.form ? { form: options.form } : {}), headers: options.key ? { authorization: `Bearer ${options.key}` } : {}, client: `198.51.100.${(++ip % 250) + 1}` });
}

describe('country search', () => {
  it.each([
    ['nairobi', 'Kenya'],
    ['TÜRKIYE', 'Türkiye'],
    ['turkey', 'Türkiye'],
    ["cote d'ivoire", 'Ivory Coast'],
    ['usa', 'United States'],
    ['mx', 'Mexico'],
  ])('“%s” finds %s first', async (q, name) => {
    const res = await browse('GET', `/countries?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(/<ul class="links">\s*<li><a href="\/countries\/[A-Z]{2}">([^<]+)<\/a>/.exec(res.text)?.[1]).toBe(name);
  });
});

describe('levels', () => {
  it('/levels explains the four levels with anchors the badges link to', async () => {
    const res = await browse('GET', '/levels');
    expect(res.status).toBe(200);
    for (const level of [1, 2, 3, 4]) expect(res.text).toContain(`id="level-${level}"`);
    expect(res.text).toContain('Avoid travel because of serious risks to safety and security.');
  });

  it('every badge on a country page links to /levels, with the level’s meaning beside it', async () => {
    const res = await browse('GET', '/countries/KE');
    expect(res.text).toContain('<a class="level level-3" href="/levels#level-3">Level 3: Reconsider Travel</a>');
    expect(res.text).toContain('<span class="level-meaning">Avoid travel because of serious risks to safety and security.</span>');
    expect(res.text).not.toMatch(/<span class="level level-/);
  });

  it('the home page’s map legend links to /levels', async () => {
    expect((await browse('GET', '/')).text).toContain('<a href="/levels">What the levels mean</a>');
  });
});

describe('country page', () => {
  it('offers alerts for the country before anything else on the page', async () => {
    const res = await browse('GET', '/countries/KE');
    const link = res.text.indexOf('href="/subscribe?country=KE" id="get-alerts">Get alerts for Kenya</a>');
    expect(link).toBeGreaterThan(0);
    expect(link).toBeLessThan(res.text.indexOf('<h2>Travel advisory</h2>'));
  });
});

describe('navigation', () => {
  const navLinks = (html: string) => [.../<nav class="site-nav"[\s\S]*?<\/nav>/.exec(html)![0].matchAll(/>([^<>]+)<\/a>/g)].map((m) => m[1]);

  it('shows anonymous visitors Sign in, members the portal, publishers the console too', async () => {
    const anonymous = await browse('GET', '/');
    expect(navLinks(anonymous.text)).toEqual(['Home', 'Subscribe']);
    expect(anonymous.text).toContain('<a href="/sign-in">Sign in</a>');
    expect(navLinks((await browse('GET', '/', { key: member.key })).text)).toEqual(['Home', 'Subscribe', 'Portal']);
    expect(navLinks((await browse('GET', '/', { key: publisher.key })).text)).toEqual(['Home', 'Subscribe', 'Portal', 'Console']);
  });
});

describe('subscribing without JavaScript', () => {
  it('adds countries one at a time by name with the picker’s Add button, saving nothing until Subscribe', async () => {
    const address = uniqueAddress('picker');
    const first = await browse('POST', '/subscribe', { form: { intent: 'add-country', countries: ['KE', 'Türkiye'], channel: 'email', email: address } });
    expect(first.status).toBe(200);
    expect(first.text).toContain('id="f-countries-chosen-KE" name="countries" value="KE" checked=""');
    expect(first.text).toContain('id="f-countries-chosen-TR" name="countries" value="TR" checked=""');
    expect((await h.deps.subscriptions.listByAddress(address)).length).toBe(0);

    const sent = await browse('POST', '/subscribe', { form: { countries: ['KE', 'TR', ''], channel: 'email', email: address, kinds: 'security-alert' } });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain(`<strong class="sent-to">${address}</strong>`);
    const [stored] = await h.deps.subscriptions.listByAddress(address);
    expect(stored?.filters.countries).toEqual(['KE', 'TR']);
  });

  it('names a country it cannot find in words, with the title starting “Error:”, and keeps the rest', async () => {
    const address = uniqueAddress('picker');
    const res = await browse('POST', '/subscribe', { form: { countries: ['Kenya', 'Atlantis'], channel: 'email', email: address, minLevel: '7' } });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<title>Error: /);
    expect(res.text).toContain('Country &#39;Atlantis&#39; — choose it from the list');
    expect(res.text).toContain('id="f-countries-chosen-KE"');
    expect(res.text).toContain('autofocus');
    expect((await h.deps.subscriptions.listByAddress(address)).length).toBe(0);
  });
});

describe('errors in words', () => {
  it('names the field and quotes the value as typed', async () => {
    const res = await browse('POST', '/subscribe', { form: { channel: 'email', email: 'bob@' } });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Email address: &#39;bob@&#39; must be an email address');
  });
});

describe('the portal’s subscriptions and webhooks', () => {
  it('fills in the member’s own address and says which API key scope the API needs', async () => {
    const res = await browse('GET', '/portal', { key: member.key });
    expect(res.text).toContain(`value="${member.personId.toLowerCase()}@test.example"`);
    expect(res.text).toContain('the <strong>write</strong> scope');
  });

  it('adds a webhook showing its secret once, tests it, pauses and resumes it, changes its countries and deletes it after asking', async () => {
    const added = await browse('POST', '/portal/subscriptions', { key: member.key, form: { channel: 'webhook', url: 'http://127.0.0.1:9/hook', countries: 'Kenya', email: '' } });
    expect(added.status, added.text.slice(0, 500)).toBe(201);
    expect(added.headers.get('cache-control')).toBe('no-store');
    const secret = /id="new-webhook-secret" class="secret" type="text" readonly="" value="([^"]+)"/.exec(added.text)?.[1];
    expect(secret).toBeTruthy();
    const { items } = await h.deps.subscriptions.listByOrganization(member.orgId, 50);
    const hook = items.find((s) => s.url === 'http://127.0.0.1:9/hook')!;
    expect(hook.filters.countries).toEqual(['KE']);
    expect((await browse('GET', '/portal', { key: member.key })).text).not.toContain(secret!);

    const tested = await browse('POST', `/portal/subscriptions/${hook.id}/test`, { key: member.key, form: {} });
    expect(tested.text).toContain('Test delivery: Delivered: the endpoint answered HTTP 204.');
    expect(posted.at(-1)?.url).toBe('http://127.0.0.1:9/hook');
    expect(JSON.parse(posted.at(-1)!.body)).toMatchObject({ type: 'test' });

    expect((await browse('POST', `/portal/subscriptions/${hook.id}/pause`, { key: member.key, form: {} })).headers.get('location')).toBe('/portal?done=paused');
    expect((await h.deps.subscriptions.get(hook.id))?.status).toBe('suspended');
    expect((await browse('GET', '/portal', { key: member.key })).text).toContain('<td>Paused</td>');
    await browse('POST', `/portal/subscriptions/${hook.id}/resume`, { key: member.key, form: {} });
    expect((await h.deps.subscriptions.get(hook.id))?.status).toBe('active');

    const edited = await browse('POST', `/portal/subscriptions/${hook.id}`, { key: member.key, form: { countries: ['Tanzania', 'UG'] } });
    expect(edited.status).toBe(303);
    expect((await h.deps.subscriptions.get(hook.id))?.filters.countries).toEqual(['TZ', 'UG']);

    const asked = await browse('POST', `/portal/subscriptions/${hook.id}/delete`, { key: member.key, form: {} });
    expect(asked.text).toContain('Yes, delete it');
    expect(await h.deps.subscriptions.get(hook.id)).toBeDefined();
    await browse('POST', `/portal/subscriptions/${hook.id}/delete`, { key: member.key, form: { confirm: 'yes' } });
    expect(await h.deps.subscriptions.get(hook.id)).toBeUndefined();
  });

  it('refuses another organization’s subscription as not found', async () => {
    const other = await addPerson(h, 'member');
    await browse('POST', '/portal/subscriptions', { key: member.key, form: { channel: 'webhook', url: 'http://127.0.0.1:9/mine' } });
    const { items } = await h.deps.subscriptions.listByOrganization(member.orgId, 50);
    const mine = items.find((s) => s.url === 'http://127.0.0.1:9/mine')!;
    for (const action of ['test', 'pause', 'delete']) {
      expect((await browse('POST', `/portal/subscriptions/${mine.id}/${action}`, { key: other.key, form: { confirm: 'yes' } })).status).toBe(404);
    }
    expect((await browse('GET', `/portal/subscriptions/${mine.id}`, { key: other.key })).status).toBe(404);
  });

  it('offers the organization’s sites, and saves a subscription to one or to a place near a point', async () => {
    const site = await call(h, 'POST', '/v1/sites', { key: member.key, body: { name: 'Mombasa depot', lat: -4.05, lon: 39.66, country: 'KE' } });
    expect(site.status, site.text).toBe(201);
    const siteId = site.json.id as string;
    const portal = await browse('GET', '/portal', { key: member.key });
    expect(portal.text).toMatch(new RegExp(`<input type="checkbox" id="[^"]+" name="sites" value="${siteId}"/><label[^>]*>Mombasa depot \\(Kenya\\)</label>`));

    const url = 'http://127.0.0.1:9/sites-hook';
    expect((await browse('POST', '/portal/subscriptions', { key: member.key, form: { channel: 'webhook', url, sites: siteId } })).status).toBe(201);
    const { items } = await h.deps.subscriptions.listByOrganization(member.orgId, 50);
    const hook = items.find((s) => s.url === url)!;
    expect(hook.filters.sites?.map((s) => s.name)).toEqual(['Mombasa depot']);
    // Its page has the site ticked; saving a place near a point instead replaces it.
    expect((await browse('GET', `/portal/subscriptions/${hook.id}`, { key: member.key })).text).toMatch(new RegExp(`name="sites" value="${siteId}" checked=""`));
    const moved = await browse('POST', `/portal/subscriptions/${hook.id}`, { key: member.key, form: { nearLat: '-1.2864', nearLon: '36.8172', nearRadiusKm: '25' } });
    expect(moved.status, moved.text.slice(0, 300)).toBe(303);
    expect((await h.deps.subscriptions.get(hook.id))?.filters).toMatchObject({ near: { lat: -1.2864, lon: 36.8172, radiusKm: 25, country: 'KE' } });
    expect((await h.deps.subscriptions.get(hook.id))?.filters.sites ?? []).toEqual([]);
  });

  it('names the webhook URL field when a URL is refused', async () => {
    const res = await browse('POST', '/portal/subscriptions', { key: member.key, form: { channel: 'webhook', url: 'http://10.0.0.7/hook' } });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="f-url-error"');
    expect(res.text).toMatch(/<title>Error: /);
  });
});
