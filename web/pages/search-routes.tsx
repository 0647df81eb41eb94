import { PUBLIC } from '../../functions/http/access';
import type { Router } from '../../functions/http/router';
import { SearchQuerySchema } from '../../shared/domain/search-query';
import { ValidationError } from '../../shared/errors';
import { parseOrThrow } from '../../shared/domain/validation';
import { searchPublications } from '../../shared/services/search-publications';
import type { SearchIndexCache } from '../../shared/services/search/search-index-cache';
import { SEARCH_JS, SEARCH_JS_HASH } from '../assets/search-js';
import { sendAsset, sendPage } from './respond';
import { SearchPage, filtersOf } from './search';

/** The search page and its script. */
export function searchPageRoutes(router: Router, search: SearchIndexCache): void {
  router.on('GET', '/assets/search.js', PUBLIC, (c) => sendAsset(c, { body: SEARCH_JS, hash: SEARCH_JS_HASH, contentType: 'text/javascript; charset=utf-8' }));

  router.on('GET', '/search', PUBLIC, async (c) => {
    const raw = c.req.query();
    let query;
    try {
      query = parseOrThrow(SearchQuerySchema, raw);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const filters = { q: typeof raw.q === 'string' ? raw.q.slice(0, 200) : '' };
      return sendPage(c, <SearchPage filters={filters} issues={error.issues} />, { status: 422, scripts: 'self' });
    }
    const result = await searchPublications(search, c.var.viewer, query);
    // Results change with every publish, so no cache keeps them.
    return sendPage(c, <SearchPage filters={filtersOf(query)} result={result} paged={query.cursor !== undefined} />, { noStore: true, scripts: 'self' });
  });
}
