import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, advisoryInput, alertInput, call, makeHarness, type Harness } from '../../support/harness';

let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let approver: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;
let kenyaAdvisory: string;
let greenAlert: string;
let clearAlert: string;
let unsafe: string;

const EXPECTED_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

async function publish(input: unknown, needsApproval: boolean): Promise<{ id: string; etag: string }> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: input });
  expect(created.status, created.text).toBe(201);
  const id = created.json.id as string;
  if (needsApproval) expect((await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key })).status).toBe(200);
  const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
  expect(published.status, published.text).toBe(200);
  return { id, etag: published.headers.get('etag')! };
}

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  approver = await addPerson(h, 'publisher', publisher.org);
  member = await addPerson(h, 'member');

  const ke = await publish(advisoryInput('KE', 1, { indicators: ['C', 'T'] }), true);
  kenyaAdvisory = ke.id;
  const amended = await call(h, 'PATCH', `/v1/publications/${ke.id}`, {
    key: publisher.key,
    body: { level: 2, changeNote: 'Raised to level 2 after unrest in Nairobi.', major: true },
    headers: { 'if-match': ke.etag },
  });
  expect(amended.status, amended.text).toBe(200);
  await call(h, 'POST', `/v1/publications/${ke.id}/approve`, { key: approver.key });
  expect((await call(h, 'POST', `/v1/publications/${ke.id}/publish`, { key: publisher.key })).status).toBe(200);

  await publish(advisoryInput('MX', 3, { indicators: ['K'] }), true);
  greenAlert = (await publish(alertInput(['KE'], 'TLP:GREEN', { title: 'Members only: convoy routes in Nairobi' }), false)).id;
  clearAlert = (
    await publish(
      alertInput(['KE'], 'TLP:CLEAR', {
        title: 'Demonstrations in Nairobi',
        places: ['Nairobi CBD'],
        eventStart: '2026-05-04T08:00:00Z',
        eventEnd: '2026-05-04T18:00:00Z',
        actions: ['Avoid Uhuru Park'],
        assistance: [{ name: 'Embassy Nairobi', phone: '+254 20 363 6000', url: 'https://ke.usembassy.gov/' }],
      }),
      false,
    )
  ).id;
  unsafe = (
    await publish(
      {
        kind: 'announcement',
        title: 'Markdown safety check',
        countries: ['FR'],
        summary: 'A body that tries to inject script.',
        body: '# Heading\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) and **bold** and [ok](https://example.org)',
        sharing: 'TLP:CLEAR',
      },
      false,
    )
  ).id;
});

/** `ownScripts`: a page enhanced by the site's own script files (and no inline script). */
function expectHtmlPage(res: { status: number; headers: Headers; text: string }, status = 200, ownScripts: boolean | string = false) {
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.headers.get('content-security-policy')).toBe(ownScripts ? `${EXPECTED_CSP}; script-src 'self'; connect-src 'self'` : EXPECTED_CSP);
  expect(res.text).toMatch(/^<!doctype html><html lang="en">/);
  expect(res.text.match(/<h1[ >]/g)).toHaveLength(1);
  for (const landmark of ['<header', '<nav', '<main id="main"', '<footer']) expect(res.text).toContain(landmark);
  expect(res.text).not.toMatch(/\sstyle=/i);
  const scripts = res.text.match(/<script[^>]*>/gi) ?? [];
  if (!ownScripts) expect(scripts).toEqual([]);
  if (typeof ownScripts === 'string') expect(scripts.some((tag) => tag.includes(`/assets/${ownScripts}.js`)), ownScripts).toBe(true);
  for (const tag of scripts) expect(tag).toMatch(/^<script src="\/assets\/[a-z-]+\.js\?v=[\w-]+" defer(="")?>$/);
}

describe('home page', () => {
  it('colours the map by each country’s current level and leaves countries without an advisory unlevelled', async () => {
    const res = await call(h, 'GET', '/');
    expectHtmlPage(res);
    expect(res.text).toMatch(/<path data-cc="KE" data-level="2"/);
    expect(res.text).toMatch(/<path data-cc="MX" data-level="3"/);
    expect(res.text).toMatch(/<path data-cc="BR" class="lvl-none"/);
    expect(res.text).not.toMatch(/data-cc="BR" data-level/);
    expect(res.text).toContain('href="/assets/site.css?v=');
    expect(res.text).toContain('class="skip-link" href="#main"');
  });

  it('repeats the map as a table with level names, and a legend in words', async () => {
    const res = await call(h, 'GET', '/');
    expect(res.text).toContain('<caption>');
    expect(res.text).toMatch(/<tr data-cc="KE"><th scope="row"><a href="\/countries\/KE">Kenya<\/a><\/th><td>Africa<\/td><td>Level 2: Exercise Increased Caution<\/td>/);
    expect(res.text).not.toContain('<tr data-cc="BR">');
    for (const name of ['Exercise Normal Precautions', 'Exercise Increased Caution', 'Reconsider Travel', 'Do Not Travel']) expect(res.text).toContain(name);
  });

  it('lists public alerts only to anonymous readers, and members’ alerts to members', async () => {
    const anonymous = await call(h, 'GET', '/');
    expect(anonymous.text).toContain('Demonstrations in Nairobi');
    expect(anonymous.text).not.toContain('Members only: convoy routes');
    expect(anonymous.headers.get('cache-control')).toBe('public, max-age=60');

    const asMember = await call(h, 'GET', '/', { key: member.key });
    expect(asMember.text).toContain('Members only: convoy routes');
    expect(asMember.headers.get('cache-control')).toBe('private, no-store');
  });

  it('has a search form that works without JavaScript', async () => {
    const home = await call(h, 'GET', '/');
    expect(home.text).toMatch(/<form[^>]*method="get"[^>]*action="\/countries"/);
    expect(home.text).toContain('<label for="country-q">');
    const res = await call(h, 'GET', '/countries?q=keny');
    expectHtmlPage(res);
    expect(res.text).toContain('<a href="/countries/KE">Kenya</a>');
    expect(res.text).not.toContain('/countries/MX"');
    const accents = await call(h, 'GET', '/countries?q=reunion');
    expect(accents.text).toContain('/countries/RE"');
  });

  it('answers If-None-Match with 304 and the same ETag', async () => {
    const first = await call(h, 'GET', '/');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await call(h, 'GET', '/', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });
});

describe('country page', () => {
  it('shows the level in words, the indicators as labelled badges and the version history', async () => {
    const res = await call(h, 'GET', '/countries/ke');
    expectHtmlPage(res);
    expect(res.text).toContain('<h1>Kenya</h1>');
    expect(res.text).toContain('Level 2: Exercise Increased Caution');
    expect(res.text).toContain('<abbr title="Crime">C</abbr> Crime');
    expect(res.text).toContain('<abbr title="Terrorism">T</abbr> Terrorism');
    expect(res.text).toContain('Raised to level 2 after unrest in Nairobi. (major change)');
    expect(res.text).toMatch(/<th scope="row">2<\/th>[\s\S]*<th scope="row">1<\/th>/);
    expect(res.text).toContain(`href="/publications/${kenyaAdvisory}"`);
  });

  it('lists recent items with kind labels, event windows and actions, and links to feeds and subscribing', async () => {
    const res = await call(h, 'GET', '/countries/KE');
    expect(res.text).toContain('Security Alert');
    expect(res.text).toContain('Demonstrations in Nairobi');
    expect(res.text).toContain('2026-05-04 11:00 EAT (08:00 UTC)');
    expect(res.text).toContain('<li>Avoid Uhuru Park</li>');
    expect(res.text).not.toContain('Members only: convoy routes');
    for (const ext of ['atom', 'rss', 'json']) expect(res.text).toContain(`href="/feeds/countries/KE.${ext}"`);
    expect(res.text).toContain('href="/subscribe?country=KE"');
  });

  it('says plainly when a country has no advisory', async () => {
    const res = await call(h, 'GET', '/countries/BR');
    expectHtmlPage(res);
    expect(res.text).toContain('There is no travel advisory for Brazil.');
  });

  it('answers If-None-Match with 304', async () => {
    const first = await call(h, 'GET', '/countries/KE');
    const again = await call(h, 'GET', '/countries/KE', { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('is an HTML 404 for an unknown country', async () => {
    for (const path of ['/countries/ZZ', '/countries/KEN', '/countries/%3Cscript%3E']) {
      const res = await call(h, 'GET', path);
      expectHtmlPage(res, 404);
      expect(res.text).toContain('Page not found');
    }
  });
});

describe('publication page', () => {
  it('renders Markdown without script tags or javascript: links', async () => {
    const res = await call(h, 'GET', `/publications/${unsafe}`);
    expectHtmlPage(res);
    expect(res.text).not.toMatch(/<script/i);
    // The link syntax stays as inert text; no attribute may carry the URL.
    expect(res.text).not.toMatch(/=\s*["']?\s*javascript:/i);
    expect(res.text).toContain('[x](javascript:alert(1))');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toContain('<strong>bold</strong>');
    expect(res.text).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">ok</a>');
    expect(res.text).toContain('<h2>Heading</h2>');
  });

  it('shows an alert’s places, event window, actions and assistance', async () => {
    const res = await call(h, 'GET', `/publications/${clearAlert}`);
    expectHtmlPage(res);
    expect(res.text).toContain('Security Alert');
    expect(res.text).toContain('TLP:CLEAR');
    expect(res.text).toContain('Nairobi CBD');
    expect(res.text).toContain('2026-05-04 21:00 EAT (18:00 UTC)');
    expect(res.text).toContain('<li>Avoid Uhuru Park</li>');
    expect(res.text).toContain('Embassy Nairobi');
    expect(res.text).toContain('<a href="/countries/KE">Kenya</a>');
  });

  it('shows an advisory’s level, indicators and version history with change notes', async () => {
    const res = await call(h, 'GET', `/publications/${kenyaAdvisory}`);
    expectHtmlPage(res);
    expect(res.text).toContain('Travel Advisory');
    expect(res.text).toContain('Level 2: Exercise Increased Caution');
    expect(res.text).toContain('<abbr title="Terrorism">T</abbr> Terrorism');
    expect(res.text).toContain('Raised to level 2 after unrest in Nairobi.');
  });

  it('hides a GREEN item from anonymous readers behind an HTML 404, and shows members a clear TLP banner', async () => {
    const anonymous = await call(h, 'GET', `/publications/${greenAlert}`);
    expectHtmlPage(anonymous, 404);
    expect(anonymous.text).not.toContain('convoy');

    const asMember = await call(h, 'GET', `/publications/${greenAlert}`, { key: member.key });
    expectHtmlPage(asMember);
    expect(asMember.text).toContain('class="tlp tlp-green"');
    expect(asMember.text).toContain('<strong>TLP:GREEN</strong>');
    expect(asMember.headers.get('cache-control')).toBe('private, no-store');
  });

  it('is an HTML 404 for an unknown or malformed id', async () => {
    for (const path of ['/publications/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/publications/nope']) expectHtmlPage(await call(h, 'GET', path), 404);
  });
});

describe('other pages and assets', () => {
  it.each(['/sign-in', '/levels'])('%s is a 200 HTML page in the site layout', async (path) => {
    expectHtmlPage(await call(h, 'GET', path));
  });

  it.each(['/subscribe', '/subscribe?country=KE'])('%s is a 200 HTML page in the site layout, enhanced by its own scripts only, one of which picks a place on its map', async (path) => {
    const res = await call(h, 'GET', path);
    expectHtmlPage(res, 200, 'place-picker');
    expect(res.text).toContain('data-place-picker');
  });

  it.each(['/portal', '/console'])('%s sends an anonymous browser to sign in first', async (path) => {
    const res = await call(h, 'GET', path);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
  });

  it('points the subscribe page at a country’s feeds when one is named', async () => {
    const res = await call(h, 'GET', '/subscribe?country=ke');
    expect(res.text).toContain('Get alerts for Kenya');
    expect(res.text).toContain('href="/feeds/countries/KE.atom"');
  });

  it('marks the current page in the navigation', async () => {
    expect((await call(h, 'GET', '/portal', { key: member.key })).text).toContain('<a href="/portal" aria-current="page">Portal</a>');
  });

  it('serves the stylesheet with the map styles, a long cache and an ETag', async () => {
    const home = await call(h, 'GET', '/');
    const href = /href="(\/assets\/site\.css\?v=[^"]+)"/.exec(home.text)![1]!;
    const css = await call(h, 'GET', href);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toContain('max-age=31536000');
    expect(css.text).toContain('.world-map .lvl-2');
    expect(css.text).toContain(':focus-visible');
    const again = await call(h, 'GET', href, { headers: { 'if-none-match': css.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('keeps each page under 100 KB apart from the map', async () => {
    for (const path of ['/', '/countries/KE', `/publications/${clearAlert}`, '/countries', '/subscribe']) {
      const res = await call(h, 'GET', path);
      const withoutMap = res.text.replace(/<svg[\s\S]*<\/svg>/, '');
      expect(withoutMap.length, path).toBeLessThan(100_000);
    }
  });
});
