import type { SearchQuery, SearchResult } from '../domain/search-query';
import type { Viewer } from '../domain/sharing';
import { runSearch } from './search/run-search';
import type { SearchIndexCache } from './search/search-index-cache';

/**
 * Full-text search over the newest published version of every item
 * `viewer` may see: TLP:CLEAR for anyone, plus TLP:GREEN and the AMBER
 * items shared with their organization for a member. See runSearch for
 * the ordering, counts and paging, SearchEngine for how audiences are kept
 * apart.
 */
export async function searchPublications(search: SearchIndexCache, viewer: Viewer, query: SearchQuery): Promise<SearchResult> {
  return runSearch(await search.current(), viewer, query);
}
