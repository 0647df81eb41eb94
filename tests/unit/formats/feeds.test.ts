import { describe, expect, it } from 'vitest';
import { ATOM_NS, renderAtom } from '../../../shared/formats/atom';
import { buildFeedEntry, type FeedEntry } from '../../../shared/formats/feed-entry';
import { JSON_FEED_VERSION, renderJsonFeed, type JsonFeed } from '../../../shared/formats/json-feed';
import { renderRss } from '../../../shared/formats/rss';
import { advisoryInput, alertInput, BASE_URL, ENTITY_LOOKALIKES, everyKindInput, FEED_META, HOSTILE, versionOf } from './fixtures';
import { atomErrors, childElements, childText, parseXml, wellFormednessErrors, xpathString } from './xml-validation';

const META = FEED_META;

const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';

function entries(): FeedEntry[] {
  const versions = everyKindInput().map((input) => versionOf(input));
  versions.push(versionOf(alertInput(HOSTILE), { version: 2, changeNote: 'Moved to <b>Zócalo</b> & extended.' }));
  versions.push(versionOf(advisoryInput({ title: HOSTILE.title, summary: HOSTILE.summary, body: HOSTILE.body })));
  return versions.map((v) => buildFeedEntry(v, { baseUrl: BASE_URL, firstPublishedAt: '2026-01-15T08:00:00Z', publisherName: 'Bureau of Diplomatic Security & "Friends"' }));
}

function hostileEntry(list: FeedEntry[]): FeedEntry {
  const found = list.find((e) => e.summary === HOSTILE.summary && e.data.kind === 'security-alert');
  if (!found) throw new Error('fixture missing');
  return found;
}

describe('renderAtom', () => {
  it('is valid against the RFC 4287 RELAX NG grammar for every kind, amendments and hostile text', async () => {
    expect(await atomErrors(renderAtom(META, entries()))).toEqual([]);
  });

  it('is valid when empty', async () => {
    expect(await atomErrors(renderAtom(META, []))).toEqual([]);
  });

  it('is checked by a grammar that does reject invalid Atom', async () => {
    const xml = renderAtom(META, entries());
    const broken = [
      xml.replace(/<updated>[^<]*<\/updated>/, ''),
      xml.replace(/<entry>\s*<id>[^<]*<\/id>/, '<entry>'),
      xml.replace(/ term="[^"]*"/, ''),
      xml.replace(/<published>[^<]*<\/published>/, '<published>yesterday</published>'),
      xml.replace('<title type="text">', '<title type="markdown">'),
    ];
    for (const doc of broken) {
      expect(doc).not.toBe(xml);
      expect(await atomErrors(doc)).not.toEqual([]);
    }
  });

  it('meets the rules the grammar only states as Schematron: a feed author, and an alternate link per entry', () => {
    const doc = parseXml(renderAtom(META, entries()));
    const feed = doc.documentElement;
    expect(childElements(feed, ATOM_NS, 'author')).toHaveLength(1);
    const list = childElements(feed, ATOM_NS, 'entry');
    expect(list).toHaveLength(10);
    for (const entry of list) {
      const alternates = childElements(entry, ATOM_NS, 'link').filter((l) => l.getAttribute('rel') === 'alternate');
      expect(alternates).toHaveLength(1);
      expect(alternates[0]?.getAttribute('type')).toBe('text/html');
    }
    const self = childElements(feed, ATOM_NS, 'link').find((l) => l.getAttribute('rel') === 'self');
    expect(self?.getAttribute('href')).toBe(META.selfUrl);
  });

  it('round-trips hostile titles and summaries as plain text and content as escaped HTML', () => {
    const list = entries();
    const hostile = hostileEntry(list);
    const doc = parseXml(renderAtom(META, list));
    const entry = childElements(doc.documentElement, ATOM_NS, 'entry').find((e) => childText(e, ATOM_NS, 'summary') === HOSTILE.summary);
    if (!entry) throw new Error('hostile entry not rendered');
    const title = childElements(entry, ATOM_NS, 'title')[0];
    expect(title?.getAttribute('type')).toBe('text');
    expect(title?.textContent).toBe(HOSTILE.title);
    const content = childElements(entry, ATOM_NS, 'content')[0];
    expect(content?.getAttribute('type')).toBe('html');
    expect(content?.textContent).toBe(hostile.contentHtml);
    expect(content?.textContent).not.toMatch(/<script/i);
  });

  it('writes structured categories with scheme, term and label', () => {
    const v = versionOf(advisoryInput());
    const doc = parseXml(renderAtom(META, [buildFeedEntry(v, { baseUrl: BASE_URL })]));
    const entry = childElements(doc.documentElement, ATOM_NS, 'entry')[0];
    if (!entry) throw new Error('no entry');
    const categories = childElements(entry, ATOM_NS, 'category').map((c) => [c.getAttribute('scheme'), c.getAttribute('term'), c.getAttribute('label')]);
    expect(categories).toContainEqual(['https://outpost.example/schemes/country', 'KE', 'Kenya']);
    expect(categories).toContainEqual(['https://outpost.example/schemes/level', '2', 'Level 2: Exercise Increased Caution']);
    expect(categories).toContainEqual(['https://outpost.example/schemes/risk-indicator', 'T', 'Terrorism']);
    expect(childText(entry, ATOM_NS, 'id')).toBe(`urn:outpost:publication:${v.id}`);
    expect(childText(entry, ATOM_NS, 'published')).toBe('2026-03-01T09:30:00.250Z');
  });

  it('writes text that looks like entity references literally, as libxml2 reads it back', async () => {
    const v = versionOf(alertInput({ title: ENTITY_LOOKALIKES, summary: ENTITY_LOOKALIKES, body: ENTITY_LOOKALIKES }));
    const entry = buildFeedEntry(v, { baseUrl: BASE_URL, publisherName: ENTITY_LOOKALIKES });
    const xml = renderAtom({ ...META, title: ENTITY_LOOKALIKES }, [entry]);
    expect(await atomErrors(xml)).toEqual([]);
    const e = (name: string) => `string(/*[local-name()="feed"]/*[local-name()="entry"]/*[local-name()="${name}"])`;
    expect(await xpathString(xml, e('title'))).toBe(ENTITY_LOOKALIKES);
    expect(await xpathString(xml, e('summary'))).toBe(ENTITY_LOOKALIKES);
    expect(await xpathString(xml, e('content'))).toBe(entry.contentHtml);
    expect(await xpathString(xml, 'string(/*[local-name()="feed"]/*[local-name()="title"])')).toBe(ENTITY_LOOKALIKES);
  });

  it('drops characters XML cannot carry instead of producing an unparseable feed', async () => {
    const entry = buildFeedEntry(versionOf(alertInput({ title: 'Bad\u0001 char\u0008s \uD800 \uFFFE end', summary: 'nul\u0000?' })), { baseUrl: BASE_URL });
    const xml = renderAtom({ ...META, title: 'Feed\u000B' }, [entry]);
    expect(await atomErrors(xml)).toEqual([]);
    expect(xml).toContain('Bad chars   end');
  });
});

describe('renderRss', () => {
  it('is well-formed XML with the RSS 2.0 required channel and item elements', async () => {
    const list = entries();
    const xml = renderRss({ ...META, selfUrl: `${BASE_URL}/feeds/all.rss` }, list);
    expect(await wellFormednessErrors(xml)).toEqual([]);
    const doc = parseXml(xml);
    const rss = doc.documentElement;
    expect(rss.localName).toBe('rss');
    expect(rss.getAttribute('version')).toBe('2.0');
    const channel = childElements(rss, null, 'channel');
    expect(channel).toHaveLength(1);
    const ch = channel[0] as Element;
    expect(childText(ch, null, 'title')).toBe(META.title);
    expect(childText(ch, null, 'link')).toBe(META.siteUrl);
    expect(childText(ch, null, 'description')).toBe(META.description);
    expect(new Date(childText(ch, null, 'lastBuildDate') ?? '').toISOString()).toBe('2026-03-01T09:30:00.000Z');
    const self = childElements(ch, ATOM_NS, 'link')[0];
    expect(self?.getAttribute('rel')).toBe('self');
    expect(self?.getAttribute('href')).toBe(`${BASE_URL}/feeds/all.rss`);

    const items = childElements(ch, null, 'item');
    expect(items).toHaveLength(list.length);
    items.forEach((item, i) => {
      const entry = list[i] as FeedEntry;
      expect(childText(item, null, 'title') ?? childText(item, null, 'description')).toBeTruthy();
      expect(childText(item, null, 'title')).toBe(entry.title);
      const guid = childElements(item, null, 'guid')[0];
      expect(guid?.textContent).toBe(entry.id);
      expect(guid?.getAttribute('isPermaLink')).toBe('false');
      expect(childText(item, null, 'link')).toBe(entry.link);
      expect(childText(item, null, 'pubDate')).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/);
      expect(childText(item, CONTENT_NS, 'encoded')).toBe(entry.contentHtml);
      const categories = childElements(item, null, 'category').map((c) => [c.getAttribute('domain'), c.textContent]);
      expect(categories).toEqual(entry.categories.map((c) => [c.scheme, c.term]));
    });
  });

  it('writes the summary as entity-encoded HTML, so readers show it as the text it is', () => {
    const list = entries();
    const doc = parseXml(renderRss(META, list));
    const descriptions = Array.from(doc.getElementsByTagNameNS(null, 'description') as ArrayLike<Element>).map((d) => d.textContent);
    expect(descriptions).toContain('Summary with &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ampersands &lt; less-than ]]&gt; &amp;amp; &amp;nbsp;');
  });
});

describe('renderRss with entity look-alikes', () => {
  it('writes them literally, as libxml2 reads them back', async () => {
    const v = versionOf(alertInput({ title: ENTITY_LOOKALIKES, summary: ENTITY_LOOKALIKES, body: ENTITY_LOOKALIKES }));
    const entry = buildFeedEntry(v, { baseUrl: BASE_URL });
    const xml = renderRss(META, [entry]);
    expect(await wellFormednessErrors(xml)).toEqual([]);
    expect(await xpathString(xml, 'string(/rss/channel/item/title)')).toBe(ENTITY_LOOKALIKES);
    expect(await xpathString(xml, 'string(/rss/channel/item/description)')).toBe('x &amp;#39; &amp;#x41; &amp;lt;i&amp;gt; &amp;amp; &amp;foo; &amp; y');
    expect(await xpathString(xml, 'string(/rss/channel/item/*[local-name()="encoded"])')).toBe(entry.contentHtml);
  });
});

describe('renderJsonFeed', () => {
  it('is a JSON Feed 1.1 document with the required fields', () => {
    const list = entries();
    const feed = JSON.parse(renderJsonFeed(META, list)) as JsonFeed;
    expect(feed.version).toBe(JSON_FEED_VERSION);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe(META.title);
    expect(feed.home_page_url).toBe(META.siteUrl);
    expect(feed.feed_url).toBe(META.selfUrl);
    expect(feed.authors).toEqual([{ name: 'Outpost' }]);
    expect(feed.items).toHaveLength(list.length);
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(item.content_html.length + (item.summary?.length ?? 0)).toBeGreaterThan(0);
      expect(new Date(item.date_published).toISOString()).toBe(item.date_published);
      expect(new Date(item.date_modified).toISOString()).toBe(item.date_modified);
      expect(Object.keys(item).filter((k) => k.startsWith('_'))).toEqual(['_outpost']);
    }
  });

  it('puts structured data in _outpost and human-readable categories in tags', () => {
    const v = versionOf(advisoryInput({ level: 3 }), { version: 2, changeNote: 'Raised to level 3.' });
    const feed = JSON.parse(renderJsonFeed(META, [buildFeedEntry(v, { baseUrl: BASE_URL })])) as JsonFeed;
    const item = feed.items[0];
    expect(item?._outpost).toEqual({
      publicationId: v.id,
      kind: 'travel-advisory',
      version: 2,
      major: true,
      sharing: 'TLP:CLEAR',
      countries: ['KE'],
      regions: ['AF'],
      level: 3,
      indicators: ['C', 'T', 'K'],
      urgency: 'Future',
      severity: 'Severe',
      changeNote: 'Raised to level 3.',
    });
    expect(item?.tags).toEqual(['Travel Advisory', 'Kenya', 'Africa', 'Level 3: Reconsider Travel', 'Crime', 'Terrorism', 'Kidnapping or Hostage Taking', 'Urgency: Future', 'Severity: Severe']);
    expect(item?.title).toBe('Kenya – Level 3: Reconsider Travel');
  });

  it('round-trips hostile text exactly', () => {
    const list = entries();
    const feed = JSON.parse(renderJsonFeed(META, list)) as JsonFeed;
    const item = feed.items.find((i) => i.summary === HOSTILE.summary);
    expect(item?.title).toBe(HOSTILE.title);
    expect(item?.content_html).toBe(hostileEntry(list).contentHtml);
    expect(item?.authors).toEqual([{ name: 'Bureau of Diplomatic Security & "Friends"' }]);
  });
});
