import { renderAtom } from './atom';
import type { FeedEntry, FeedMeta } from './feed-entry';
import { renderJsonFeed } from './json-feed';
import { renderRss } from './rss';

/**
 * The formats a publication feed is served in, by file extension
 * (`/feeds/all.atom`), in the order pages list them. Each value needs its
 * entry in FEED_FORMATS below; the compiler checks.
 */
export const FEED_FORMAT_NAMES = ['atom', 'rss', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMAT_NAMES)[number];

/** Everything the routes, the renderer and the pages need of one feed format. */
export interface FeedFormatSpec {
  /** The format and its version, as the API reference names it: "Atom 1.0". */
  name: string;
  /** Short, for links and `<link rel="alternate">` titles: "Atom". */
  label: string;
  /** The words of a link to the feed on a page: "Atom feed". */
  linkText: string;
  /** The media type without parameters, for `<link type>`; served with `; charset=utf-8`. */
  mediaType: string;
  render(feed: FeedMeta, entries: readonly FeedEntry[]): string;
}

/**
 * Every feed format: the routes register `/feeds/{scope}.{format}` for each
 * key, `renderFeed` renders with its `render`, and pages link to each. A
 * format added to FEED_FORMAT_NAMES fails the typecheck here until its entry
 * is written; docs/extending.md says what else a format needs (nothing).
 */
export const FEED_FORMATS = {
  atom: { name: 'Atom 1.0', label: 'Atom', linkText: 'Atom feed', mediaType: 'application/atom+xml', render: renderAtom },
  rss: { name: 'RSS 2.0', label: 'RSS', linkText: 'RSS feed', mediaType: 'application/rss+xml', render: renderRss },
  json: { name: 'JSON Feed 1.1', label: 'JSON Feed', linkText: 'JSON Feed', mediaType: 'application/feed+json', render: renderJsonFeed },
} as const satisfies Record<FeedFormat, FeedFormatSpec>;

/** The Content-Type a feed of this format is served with. */
export function feedContentType(format: FeedFormat): string {
  return `${FEED_FORMATS[format].mediaType}; charset=utf-8`;
}
