import { create } from 'xmlbuilder2';
import type { FeedEntry, FeedMeta } from './feed-entry';
import { rfc3339, xmlSafe } from './xml-text';

/**
 * Atom 1.0 (RFC 4287), built with xmlbuilder2 rather than the `feed`
 * package: `feed` 6 writes entry titles and summaries as `type="html"`
 * CDATA, so a plain-text title such as `Use <b> tags` would be read as
 * markup, and it passes control characters through into the XML. Here titles
 * and summaries are `type="text"`, content is escaped `type="html"`, and
 * categories carry scheme, term and label.
 */

type XMLBuilder = ReturnType<typeof create>;

/** The Atom 1.0 namespace. */
export const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** A link of an Atom entry. */
export interface AtomLink {
  rel: string;
  href: string;
  type?: string;
}

const DEFAULT_AUTHOR = 'Outpost';

/** The entry links of an ordinary feed: the publication's page. */
function pageLinks(entry: FeedEntry): AtomLink[] {
  return [{ rel: 'alternate', type: 'text/html', href: entry.link }];
}

/**
 * Builds an Atom feed document; `linksOf` decides each entry's links, which
 * is all that differs between a publication feed and the CAP index.
 */
export function buildAtomFeed(feed: FeedMeta, entries: readonly FeedEntry[], linksOf: (entry: FeedEntry) => AtomLink[] = pageLinks): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele(ATOM_NS, 'feed');
  root.ele('id').txt(xmlSafe(feed.id));
  root.ele('title').att('type', 'text').txt(xmlSafe(feed.title));
  if (feed.description) root.ele('subtitle').att('type', 'text').txt(xmlSafe(feed.description));
  root.ele('updated').txt(rfc3339(feed.updated));
  root.ele('author').ele('name').txt(xmlSafe(feed.author ?? DEFAULT_AUTHOR));
  addLink(root, { rel: 'self', type: 'application/atom+xml', href: feed.selfUrl });
  addLink(root, { rel: 'alternate', type: 'text/html', href: feed.siteUrl });
  for (const entry of entries) addEntry(root, entry, linksOf(entry));
  return doc.end({ prettyPrint: true });
}

function addLink(parent: XMLBuilder, link: AtomLink): void {
  const el = parent.ele('link').att('rel', link.rel).att('href', xmlSafe(link.href));
  if (link.type) el.att('type', link.type);
}

function addEntry(root: XMLBuilder, entry: FeedEntry, links: readonly AtomLink[]): void {
  const el = root.ele('entry');
  el.ele('id').txt(xmlSafe(entry.id));
  el.ele('title').att('type', 'text').txt(xmlSafe(entry.title));
  el.ele('updated').txt(rfc3339(entry.updated));
  el.ele('published').txt(rfc3339(entry.published));
  if (entry.author) el.ele('author').ele('name').txt(xmlSafe(entry.author));
  for (const link of links) addLink(el, link);
  for (const c of entry.categories) {
    el.ele('category').att('scheme', xmlSafe(c.scheme)).att('term', xmlSafe(c.term)).att('label', xmlSafe(c.label));
  }
  el.ele('summary').att('type', 'text').txt(xmlSafe(entry.summary));
  el.ele('content').att('type', 'html').txt(xmlSafe(entry.contentHtml));
}

/**
 * Renders an Atom 1.0 feed of publications, each entry linking to its page
 * and carrying its kind, countries, regions, level and risk indicators as
 * categories.
 */
export function renderAtom(feed: FeedMeta, entries: readonly FeedEntry[]): string {
  return buildAtomFeed(feed, entries);
}
