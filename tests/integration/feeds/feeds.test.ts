import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { FEED_FORMAT_NAMES, feedContentType } from '../../../shared/formats/feed-formats';
import { alertInput, advisoryInput, call } from '../../support/harness';
import { atomErrors, capErrors, wellFormednessErrors, xpathString } from '../../unit/formats/xml-validation';
import { HOSTILE_BODY, HOSTILE_TITLE, makeFeedHarness, type FeedHarness } from './support';

let f: FeedHarness;
const ids: Record<string, string> = {};

const SCOPES = ['all', 'countries/KE', 'regions/AF', 'kinds/travel-advisory', 'kinds/security-alert', 'kinds/anniversary', 'countries/MX', 'regions/WHA'];
const SECRET_GREEN = 'GREEN-ONLY secret alert';
const SECRET_AMBER = 'AMBER-ONLY secret alert';

beforeAll(async () => {
  f = await makeFeedHarness();
  ids.advisory = await f.publish(advisoryInput('KE', 2, { title: HOSTILE_TITLE, summary: `Summary ${HOSTILE_TITLE}`, body: HOSTILE_BODY, indicators: ['C', 'T', 'K'] }));
  ids.alert = await f.publish(alertInput(['MX'], 'TLP:CLEAR', { title: `Alert ${HOSTILE_TITLE}`, body: HOSTILE_BODY, alertType: 'demonstration', eventStart: '2030-03-02T15:00:00-06:00', eventEnd: '2030-03-02T20:00:00-06:00' }));
  ids.green = await f.publish(alertInput(['KE'], 'TLP:GREEN', { title: SECRET_GREEN, summary: SECRET_GREEN }));
  ids.amber = await f.publish(alertInput(['KE', 'MX'], 'TLP:AMBER', { title: SECRET_AMBER, summary: SECRET_AMBER, recipients: [f.publisher.orgId] }));
  ids.anniversary = await f.publish({
    kind: 'anniversary',
    title: `Westgate ${HOSTILE_TITLE}`,
    countries: ['KE'],
    summary: 'Anniversary of the Westgate attack.',
    body: HOSTILE_BODY,
    sharing: 'TLP:CLEAR',
    date: '2013-09-21',
    significance: 'Extremists mark the date; "be alert" & careful <here>.',
  });
  ids.greenAnniversary = await f.publish({ kind: 'anniversary', title: SECRET_GREEN, countries: ['KE'], summary: SECRET_GREEN, body: '', sharing: 'TLP:GREEN', date: '2001-01-01', significance: SECRET_GREEN });
  ids.report = await f.publish({
    kind: 'country-report',
    title: 'Kenya 2026 Crime & Safety <Report>',
    countries: ['KE'],
    summary: 'Annual report.',
    body: HOSTILE_BODY,
    sharing: 'TLP:CLEAR',
    year: 2026,
    sections: [{ heading: 'Crime & <theft>', body: '**Common**. <script>x()</script>' }],
  });
  // An amendment: CAP must become an Update referencing version 1.
  await f.amend(ids.alert, 'security-alert', { summary: 'Moved to Insurgentes & Reforma.', changeNote: 'Location changed: "Insurgentes" & <Reforma>.', major: true });
});

function noSecrets(text: string): void {
  expect(text).not.toContain(SECRET_GREEN);
  expect(text).not.toContain(SECRET_AMBER);
  expect(text).not.toContain(ids.green);
  expect(text).not.toContain(ids.amber);
  expect(text).not.toContain(ids.greenAnniversary);
}

/** XML text as a parser reads it: entity references decoded once. */
function decodeXml(xml: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
  return xml.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, ref: string) =>
    ref[0] === '#' ? String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))) : (named[ref] ?? ''),
  );
}

/**
 * No markup that could run script reaches a reader: checked on the HTML a
 * reader gets (the decoded XML text, or JSON Feed's content_html), where an
 * escaped `&lt;script&gt;` is harmless text but `<script` would be a tag.
 */
function noScriptIn(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/<a\b[^>]*href\s*=\s*["']?\s*(javascript|data|vbscript):/i);
}

function noScript(xml: string): void {
  noScriptIn(decodeXml(xml));
}

describe('publication feeds', () => {
  it.each(FEED_FORMAT_NAMES)('serves every scope as .%s, the registered format, with its media type', async (format) => {
    for (const scope of SCOPES) {
      const res = await call(f.h, 'GET', `/feeds/${scope}.${format}`);
      expect(res.status, scope).toBe(200);
      expect(res.headers.get('content-type'), scope).toBe(feedContentType(format));
    }
  });

  it.each(SCOPES)('serves %s as Atom valid against RFC 4287’s RELAX NG grammar', async (scope) => {
    const res = await call(f.h, 'GET', `/feeds/${scope}.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(await atomErrors(res.text)).toEqual([]);
    noSecrets(res.text);
    noScript(res.text);
  });

  it.each(SCOPES)('serves %s as RSS 2.0 with the required channel and item elements', async (scope) => {
    const res = await call(f.h, 'GET', `/feeds/${scope}.rss`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(await wellFormednessErrors(res.text)).toEqual([]);
    expect(await xpathString(res.text, 'string(/rss/@version)')).toBe('2.0');
    for (const el of ['title', 'link', 'description']) expect(await xpathString(res.text, `count(/rss/channel/${el})`)).toBe('1');
    const items = Number(await xpathString(res.text, 'count(/rss/channel/item)'));
    // Every item has a title or description (RSS 2.0's one requirement of items), and our guid.
    expect(await xpathString(res.text, 'count(/rss/channel/item[title and description and guid])')).toBe(String(items));
    noSecrets(res.text);
    noScript(res.text);
  });

  it.each(SCOPES)('serves %s as JSON Feed 1.1 with the required fields', async (scope) => {
    const res = await call(f.h, 'GET', `/feeds/${scope}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = res.json;
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(typeof feed.title).toBe('string');
    expect(Array.isArray(feed.items)).toBe(true);
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof item.content_html === 'string' || typeof item.content_text === 'string').toBe(true);
      expect(item._outpost.sharing).toBe('TLP:CLEAR');
    }
    noSecrets(res.text);
    for (const item of feed.items) noScriptIn(`${item.content_html} ${item.title}`);
  });

  it('puts everything public in the global feed, newest first, with structured categories', async () => {
    const feed = (await call(f.h, 'GET', '/feeds/all.json')).json;
    const got = feed.items.map((i: { _outpost: { publicationId: string } }) => i._outpost.publicationId);
    expect(new Set(got)).toEqual(new Set([ids.advisory, ids.alert, ids.anniversary, ids.report]));
    const modified = feed.items.map((i: { date_modified: string }) => i.date_modified);
    expect([...modified].sort().reverse()).toEqual(modified);
    const advisory = feed.items.find((i: { _outpost: { publicationId: string } }) => i._outpost.publicationId === ids.advisory);
    expect(advisory.title).toBe('Kenya – Level 2: Exercise Increased Caution');
    expect(advisory._outpost).toMatchObject({ countries: ['KE'], regions: ['AF'], level: 2, indicators: ['C', 'T', 'K'] });
    const alert = feed.items.find((i: { _outpost: { publicationId: string } }) => i._outpost.publicationId === ids.alert);
    expect(alert.title).toBe(`Alert ${HOSTILE_TITLE}`);
    expect(alert._outpost.changeNote).toBe('Location changed: "Insurgentes" & <Reforma>.');
  });

  it('round-trips hostile titles exactly through Atom and RSS', async () => {
    const atom = (await call(f.h, 'GET', '/feeds/kinds/security-alert.atom')).text;
    expect(await xpathString(atom, 'string(//*[local-name()="entry"]/*[local-name()="title"])')).toBe(`Alert ${HOSTILE_TITLE}`);
    const rss = (await call(f.h, 'GET', '/feeds/kinds/security-alert.rss')).text;
    expect(await xpathString(rss, 'string(/rss/channel/item/title)')).toBe(`Alert ${HOSTILE_TITLE}`);
  });

  it('accepts lower-case country and region codes and answers unknown scopes with a 404 problem', async () => {
    expect((await call(f.h, 'GET', '/feeds/countries/ke.atom')).status).toBe(200);
    expect((await call(f.h, 'GET', '/feeds/regions/af.rss')).status).toBe(200);
    for (const path of ['/feeds/countries/ZZ.atom', '/feeds/regions/XX.rss', '/feeds/kinds/recipes.json', '/feeds/everything.atom', '/feeds/countries/KEN.atom', '/feeds/all.xml']) {
      const res = await call(f.h, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('application/problem+json');
    }
  });
});

describe('CAP', () => {
  it('indexes CLEAR alerts and advisories in an Atom feed that links each CAP document', async () => {
    const res = await call(f.h, 'GET', '/feeds/alerts.cap');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(await atomErrors(res.text)).toEqual([]);
    noSecrets(res.text);
    expect(res.text).toContain(`/cap/${ids.alert}.xml`);
    expect(res.text).toContain(`/cap/${ids.advisory}.xml`);
    expect(res.text).not.toContain(`/cap/${ids.report}.xml`);
    expect(res.text).toContain('type="application/cap+xml"');
  });

  it('serves a valid CAP 1.2 alert for an advisory', async () => {
    const res = await call(f.h, 'GET', `/cap/${ids.advisory}.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/cap+xml; charset=utf-8');
    expect(await capErrors(res.text)).toEqual([]);
    expect(await xpathString(res.text, 'string(//*[local-name()="msgType"])')).toBe('Alert');
    expect(await xpathString(res.text, 'string(//*[local-name()="category"])')).toBe('Security');
    expect(await xpathString(res.text, 'string(//*[local-name()="geocode"]/*[local-name()="value"])')).toBe('KE');
    // CAP text is plain text: markup an author typed stays escaped text, never an element.
    expect(res.text).not.toMatch(/<script/i);
    expect(await xpathString(res.text, 'string(//*[local-name()="description"])')).toContain('<script>alert("x")</script>');
  });

  it('serves an amendment as an Update that references the earlier version', async () => {
    const res = await call(f.h, 'GET', `/cap/${ids.alert}.xml`);
    expect(await capErrors(res.text)).toEqual([]);
    expect(await xpathString(res.text, 'string(//*[local-name()="msgType"])')).toBe('Update');
    expect(await xpathString(res.text, 'string(//*[local-name()="references"])')).toMatch(new RegExp(`^outpost\\.test,urn:outpost:alert:${ids.alert}:v1,\\S+$`));
    expect(await xpathString(res.text, 'string(//*[local-name()="note"])')).toBe('Location changed: "Insurgentes" & <Reforma>.');
    const event = await xpathString(res.text, 'string(//*[local-name()="event"])');
    expect(event.length).toBeLessThan(35);
  });

  it('answers 404 for GREEN, AMBER, other kinds and unknown ids', async () => {
    for (const id of [ids.green, ids.amber, ids.report, ids.anniversary, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'not-an-id']) {
      const res = await call(f.h, 'GET', `/cap/${id}.xml`);
      expect(res.status, id).toBe(404);
      expect(res.text).not.toContain(SECRET_GREEN);
      expect(res.text).not.toContain(SECRET_AMBER);
    }
    // Even for a member who may read the GREEN alert: CAP documents are public documents.
    const member = await call(f.h, 'GET', `/cap/${ids.green}.xml`, { key: f.publisher.key });
    expect(member.status).toBe(404);
  });
});

describe('anniversaries calendar', () => {
  for (const path of ['/feeds/anniversaries.ics', '/feeds/countries/KE/anniversaries.ics']) {
    it(`serves ${path} as iCalendar that parses back with one yearly event per CLEAR anniversary`, async () => {
      const res = await call(f.h, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(res.text.replace(/\r\n/g, '')).not.toMatch(/\n/);
      for (const line of res.text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      const calendar = new ICAL.Component(ICAL.parse(res.text));
      const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event!.summary).toBe(`Westgate ${HOSTILE_TITLE}`);
      expect(event!.uid).toContain(ids.anniversary);
      expect(event!.component.getFirstPropertyValue('rrule')?.toString()).toMatch(/FREQ=YEARLY/);
      expect(event!.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
      noSecrets(res.text);
    });
  }

  it('serves an empty calendar for a country without anniversaries, and 404 for an unknown country', async () => {
    const empty = await call(f.h, 'GET', '/feeds/countries/FR/anniversaries.ics');
    expect(empty.status).toBe(200);
    expect(new ICAL.Component(ICAL.parse(empty.text)).getAllSubcomponents('vevent')).toHaveLength(0);
    expect((await call(f.h, 'GET', '/feeds/countries/ZZ/anniversaries.ics')).status).toBe(404);
  });
});

describe('conditional GETs and caching headers', () => {
  it('sends validators and public caching, and answers 304 to If-None-Match and If-Modified-Since', async () => {
    for (const path of ['/feeds/all.atom', '/feeds/countries/KE.rss', '/feeds/all.json', '/feeds/alerts.cap', `/cap/${ids.alert}.xml`, '/feeds/anniversaries.ics']) {
      const first = await call(f.h, 'GET', path);
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag, path).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(new Date(lastModified).toUTCString(), path).toBe(lastModified);
      expect(first.headers.get('cache-control'), path).toBe('public, max-age=60, stale-while-revalidate=300');
      const inm = await call(f.h, 'GET', path, { headers: { 'if-none-match': etag } });
      expect(inm.status, path).toBe(304);
      expect(inm.text).toBe('');
      expect(inm.headers.get('etag')).toBe(etag);
      expect((await call(f.h, 'GET', path, { headers: { 'if-modified-since': lastModified } })).status, path).toBe(304);
      expect((await call(f.h, 'GET', path, { headers: { 'if-none-match': '"other"' } })).status, path).toBe(200);
      const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString();
      expect((await call(f.h, 'GET', path, { headers: { 'if-modified-since': earlier } })).status, path).toBe(200);
    }
  });

  it('renders the same bytes for a member as for the public', async () => {
    const anonymous = await call(f.h, 'GET', '/feeds/countries/KE.atom');
    const member = await call(f.h, 'GET', '/feeds/countries/KE.atom', { key: f.publisher.key });
    expect(member.text).toBe(anonymous.text);
    expect(member.headers.get('etag')).toBe(anonymous.headers.get('etag'));
  });
});
