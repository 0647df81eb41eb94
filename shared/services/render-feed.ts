import type { Version } from '../domain/publication';
import { ANONYMOUS } from '../domain/sharing';
import { CAP_MEDIA_TYPE, renderCapIndex } from '../formats/cap';
import { buildFeedEntry, CAP_KINDS, type FeedMeta } from '../formats/feed-entry';
import { FEED_FORMATS, feedContentType, type FeedFormat } from '../formats/feed-formats';
import type { PublicationStore } from '../ports/publication-store';
import { feedScopePage, feedScopePath, feedScopeQuery, feedScopeTitle, type FeedScope } from './feed-scope';

/** Newest entries a publication feed carries. */
const FEED_LIMIT = 50;
/**
 * Entries of the CAP index. Larger than a feed: aggregators read the index
 * as the list of alerts in force, and every country may have an advisory.
 */
const CAP_INDEX_LIMIT = 200;

/** When nothing has been published the feed's `updated` is the epoch, so the empty feed is byte-stable. */
const NEVER = '1970-01-01T00:00:00.000Z';

/** A rendered public document and when its content last changed. */
export interface FeedDocument {
  body: string;
  contentType: string;
  /** The newest content's time (ISO 8601), for Last-Modified. */
  lastModified: string;
  /**
   * The request headers the route chooses a representation by, for `Vary`
   * (e.g. `Authorization` when callers with a key get another view). Feeds
   * are the same whoever asks and leave it out.
   */
  vary?: string;
}

/** What the feed services read: the store and the public base URL. */
export interface FeedDeps {
  publications: PublicationStore;
  baseUrl: string;
}

/** The CAP index is an Atom feed whose entries link CAP documents. */
export const CAP_INDEX_CONTENT_TYPE = feedContentType('atom');

function trim(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

function newest(versions: readonly Version[]): string {
  return versions.reduce((max, v) => (v.publishedAt > max ? v.publishedAt : max), NEVER);
}

/**
 * Renders a publication feed in one of the FEED_FORMATS of a
 * scope's newest TLP:CLEAR items, newest first. Always as the anonymous
 * viewer, whoever asks: feeds are public documents that caches may share.
 * One Query of the scope's CLEAR listing partition.
 */
export async function renderFeed(deps: FeedDeps, scope: FeedScope, format: FeedFormat): Promise<FeedDocument> {
  const base = trim(deps.baseUrl);
  const page = await deps.publications.listVisible(ANONYMOUS, feedScopeQuery(scope, FEED_LIMIT));
  const versions = page.items.filter((v) => v.content.sharing === 'TLP:CLEAR');
  const path = feedScopePath(scope);
  const meta: FeedMeta = {
    id: `urn:outpost:feed:${path}`,
    title: feedScopeTitle(scope),
    description: describe(scope),
    selfUrl: `${base}/feeds/${path}.${format}`,
    siteUrl: feedScopePage(scope, base),
    updated: newest(versions),
  };
  const entries = versions.map((v) => buildFeedEntry(v, { baseUrl: base }));
  return { body: FEED_FORMATS[format].render(meta, entries), contentType: feedContentType(format), lastModified: meta.updated };
}

function describe(scope: FeedScope): string {
  const what = 'Public (TLP:CLEAR) travel advisories, security alerts, reports and announcements';
  switch (scope.type) {
    case 'all':
      return `${what} from Outpost.`;
    case 'country':
      return `${what} about ${scope.name} (${scope.code}).`;
    case 'region':
      return `${what} about ${scope.name}.`;
    case 'kind':
      return `Public (TLP:CLEAR) items of kind ${scope.name}.`;
  }
}

/**
 * Renders `/feeds/alerts.cap`: an Atom index of the CAP 1.2 documents of
 * the security alerts and travel advisories in force, newest first. One
 * Query per kind's CLEAR listing partition (two, in parallel).
 */
export async function renderCapIndexFeed(deps: FeedDeps): Promise<FeedDocument> {
  const base = trim(deps.baseUrl);
  const pages = await Promise.all([...CAP_KINDS].map((kind) => deps.publications.listVisible(ANONYMOUS, { kind, limit: CAP_INDEX_LIMIT })));
  const versions = pages
    .flatMap((p) => p.items)
    .filter((v) => v.content.sharing === 'TLP:CLEAR' && CAP_KINDS.has(v.content.kind))
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id < b.id ? 1 : -1))
    .slice(0, CAP_INDEX_LIMIT);
  const meta: FeedMeta = {
    id: 'urn:outpost:feed:alerts.cap',
    title: 'Outpost: CAP 1.2 alerts',
    description: `Security alerts and travel advisories as ${CAP_MEDIA_TYPE} (CAP 1.2) documents.`,
    selfUrl: `${base}/feeds/alerts.cap`,
    siteUrl: `${base}/`,
    updated: newest(versions),
  };
  const body = renderCapIndex(
    meta,
    versions.map((v) => buildFeedEntry(v, { baseUrl: base })),
  );
  return { body, contentType: CAP_INDEX_CONTENT_TYPE, lastModified: meta.updated };
}
