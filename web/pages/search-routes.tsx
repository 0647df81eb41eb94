import { PUBLIC } from '../../functions/http/access';
import type { Router } from '../../functions/http/router';
import { SearchQuerySchema } from '../../shared/domain/search-query';
import { ValidationError } from '../../shared/errors';
import { parseOrThrow } from '../../shared/domain/validation';
import { searchPublications } from '../../shared/services/search-publications';
import type { SearchIndexCache } from '../../shared/services/search/search-index-cache';
import { sendPage } from './respond';
import { SearchPage, filtersOf } from './search';

/** The search page (its script is one of the page scripts, web/assets/page-scripts.ts). */
export function searchPageRoutes(router: Router, search: SearchIndexCache): void {
  router.on('GET', '/search', PUBLIC, async (c) => {
    const raw = c.req.query();
    let query;
    try {
      query = parseOrThrow(SearchQuerySchema, raw);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const filters = { q: typeof raw.q === 'string' ? raw.q.slice(0, 200) : '' };
      return sendPage(c, <SearchPage filters={filters} issues={error.issues} />, { status: 422, scripts: true });
    }
    const result = await searchPublications(search, c.var.viewer, query);
    // Results change with every publish, so no cache keeps them.
    return sendPage(c, <SearchPage filters={filtersOf(query)} result={result} paged={query.cursor !== undefined} />, { noStore: true, scripts: true });
  });
}
