import type { FeedEntry, FeedMeta, OutpostEntryData } from './feed-entry';
import { rfc3339 } from './xml-text';

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1). Written directly: the
 * `feed` package emits version 1, without `authors` or `language`.
 *
 * Human-readable categories go in `tags` (their labels); the structured data
 * a program wants (kind, version, countries, regions, level, indicators,
 * change note, sharing) goes in the `_outpost` extension object per item.
 */

/** The `version` URL that identifies JSON Feed 1.1. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** One JSON Feed item as Outpost writes it. */
export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  content_html: string;
  date_published: string;
  date_modified: string;
  tags: string[];
  authors?: { name: string }[];
  _outpost: OutpostEntryData;
}

/** A JSON Feed 1.1 document as Outpost writes it. */
export interface JsonFeed {
  version: typeof JSON_FEED_VERSION;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: { name: string }[];
  items: JsonFeedItem[];
}

/** Builds the JSON Feed object; {@link renderJsonFeed} serializes it. */
function buildJsonFeed(feed: FeedMeta, entries: readonly FeedEntry[]): JsonFeed {
  return {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.siteUrl,
    feed_url: feed.selfUrl,
    description: feed.description,
    language: 'en-US',
    authors: [{ name: feed.author ?? 'Outpost' }],
    items: entries.map((entry) => {
      const item: JsonFeedItem = {
        id: entry.id,
        url: entry.link,
        title: entry.title,
        summary: entry.summary,
        content_html: entry.contentHtml,
        date_published: rfc3339(entry.published),
        date_modified: rfc3339(entry.updated),
        tags: [...new Set(entry.categories.map((c) => c.label))],
        _outpost: entry.data,
      };
      if (entry.author) item.authors = [{ name: entry.author }];
      return item;
    }),
  };
}

/** Renders a JSON Feed 1.1 document of publications. */
export function renderJsonFeed(feed: FeedMeta, entries: readonly FeedEntry[]): string {
  return JSON.stringify(buildJsonFeed(feed, entries), null, 2);
}
