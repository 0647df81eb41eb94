import { create } from 'xmlbuilder2';
import type { FeedEntry, FeedMeta } from './feed-entry';
import { escapeHtml } from './markdown';
import { toDate, xmlSafe } from './xml-text';

/**
 * RSS 2.0, built with xmlbuilder2 for the same reasons as the Atom feed (the
 * `feed` package puts titles in CDATA and keeps control characters).
 *
 * Choices where RSS is vague:
 * - `guid` is the entry's URN with `isPermaLink="false"`: stable across
 *   amendments and hosts.
 * - `pubDate` is when this version was published, so an amended item moves
 *   up in readers that sort by date; RSS has no separate "updated".
 * - `description` is the summary as entity-encoded HTML (how readers treat
 *   it), `content:encoded` the full sanitized HTML.
 * - `category` carries the term with the scheme URI as `domain`.
 */

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

/** RFC 822 date-time, as RSS 2.0 requires, e.g. "Wed, 25 Nov 2026 14:00:00 GMT". */
function rfc822(instant: string): string {
  return toDate(instant).toUTCString();
}

/** Renders an RSS 2.0 channel of publications. */
export function renderRss(feed: FeedMeta, entries: readonly FeedEntry[]): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const rss = doc
    .ele('rss')
    .att('version', '2.0')
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:atom', ATOM_NS)
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:content', CONTENT_NS)
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:dc', DC_NS);
  const channel = rss.ele('channel');
  channel.ele('title').txt(xmlSafe(feed.title));
  channel.ele('link').txt(xmlSafe(feed.siteUrl));
  channel.ele('description').txt(xmlSafe(feed.description));
  channel.ele('language').txt('en-us');
  channel.ele('lastBuildDate').txt(rfc822(feed.updated));
  channel.ele(ATOM_NS, 'atom:link').att('href', xmlSafe(feed.selfUrl)).att('rel', 'self').att('type', 'application/rss+xml');

  for (const entry of entries) {
    const item = channel.ele('item');
    item.ele('title').txt(xmlSafe(entry.title));
    item.ele('link').txt(xmlSafe(entry.link));
    item.ele('guid').att('isPermaLink', 'false').txt(xmlSafe(entry.id));
    item.ele('pubDate').txt(rfc822(entry.updated));
    item.ele('description').txt(xmlSafe(escapeHtml(entry.summary)));
    item.ele(CONTENT_NS, 'content:encoded').txt(xmlSafe(entry.contentHtml));
    if (entry.author) item.ele(DC_NS, 'dc:creator').txt(xmlSafe(entry.author));
    for (const c of entry.categories) item.ele('category').att('domain', xmlSafe(c.scheme)).txt(xmlSafe(c.term));
  }
  return doc.end({ prettyPrint: true });
}
