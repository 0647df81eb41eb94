import { SearchQuerySchema } from '../../../shared/domain/search-query';
import { parseOrThrow } from '../../../shared/domain/validation';
import { searchPublications } from '../../../shared/services/search-publications';
import { PREFIX_COMPLETIONS } from '../../../shared/services/search/expand-query';
import type { SearchIndexCache } from '../../../shared/services/search/search-index-cache';
import { PUBLIC } from '../../http/access';
import { notModified } from '../../http/etag';
import type { Router } from '../../http/router';
import { contentEtag } from '../../http/weak-etag';
import { SearchResultSchema } from '../openapi/schemas';

/** `GET /v1/search`: full-text search over what the caller may see, with facets. */
export function searchRoutes(router: Router, search: SearchIndexCache): void {
  router.on('GET', '/v1/search', PUBLIC, async (c) => {
    const query = parseOrThrow(SearchQuerySchema, c.req.query());
    const result = await searchPublications(search, c.var.viewer, query);
    const etag = contentEtag(result);
    c.header('etag', etag);
    c.header('vary', 'Authorization');
    // A second at most in shared caches: a publish must be found within 2 s.
    c.header('cache-control', c.var.viewer.kind === 'anonymous' ? 'public, max-age=1' : 'private, no-store');
    if (notModified(c, etag)) return c.body(null, 304);
    return c.json(result);
  }, {
    summary: 'Search published items by their words, with facets',
    description:
      'Full-text search over the newest published version of every item the caller may see: TLP:CLEAR for anyone; a member key adds TLP:GREEN and the TLP:AMBER items shared with its organization (words in items the caller may not see change nothing: not the hits, the order, the total or the facets). ' +
      'Every word must match; words of five or more letters may have one typo; ' +
      `the last word (from three letters) also matches as a prefix, by its ${PREFIX_COMPLETIONS} completions held by the most items the caller may see; ` +
      'English words match their other forms (protest, protesting); accents are ignored (Bogota finds Bogotá). ' +
      'Without `q`, every item matching the filters, newest first. Archived and expired items only with `include=archived`. ' +
      'Page with `next` as `cursor`; `total` and `facets` count every matching item.',
    tags: ['Publications'],
    request: { query: SearchQuerySchema },
    responses: { 200: { description: 'A page of results', content: { 'application/json': { schema: SearchResultSchema } } }, 304: { description: 'Not modified' } },
    errors: [400],
  });
}
