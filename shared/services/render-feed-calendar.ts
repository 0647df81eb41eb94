import { ANONYMOUS } from '../domain/sharing';
import { renderAnniversaries } from '../formats/ical';
import type { FeedScope } from './feed-scope';
import type { FeedDeps, FeedDocument } from './render-feed';

/** Anniversaries a calendar carries at most; a calendar lists them all, not the newest few. */
const CALENDAR_LIMIT = 500;

/**
 * Renders the anniversaries calendar (iCalendar, RFC 5545): every public
 * anniversary, or one country's. One Query of the anniversary listing (or
 * the country's listing, filtered to anniversaries).
 */
export async function renderFeedCalendar(deps: FeedDeps, country?: Extract<FeedScope, { type: 'country' }>): Promise<FeedDocument> {
  const page = await deps.publications.listVisible(ANONYMOUS, { kind: 'anniversary', ...(country ? { country: country.code } : {}), limit: CALENDAR_LIMIT });
  const versions = page.items.filter((v) => v.content.sharing === 'TLP:CLEAR' && v.content.kind === 'anniversary');
  const body = renderAnniversaries(versions, {
    baseUrl: deps.baseUrl.replace(/\/+$/, ''),
    ...(country ? { name: `Outpost: significant anniversaries in ${country.name}` } : {}),
  });
  const lastModified = versions.reduce((max, v) => (v.publishedAt > max ? v.publishedAt : max), '1970-01-01T00:00:00.000Z');
  return { body, contentType: 'text/calendar; charset=utf-8', lastModified };
}
