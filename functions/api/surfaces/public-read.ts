import type { ApiDeps } from '../../http/env';
import { composeApp, type ComposedApp, type OpenApiSource, type Surface, type SurfaceContext } from '../../http/compose-app';
import { PublicDocuments } from '../../http/public-documents';
import { FeedCache } from '../../../shared/services/feed-cache';
import { pageRoutes } from '../../../web/pages/routes';
import { searchPageRoutes } from '../../../web/pages/search-routes';
import { SearchIndexCache } from '../../../shared/services/search/search-index-cache';
import { countryRoutes } from '../routes/countries';
import { feedRoutes } from '../routes/feeds';
import { healthRoutes } from '../routes/health';
import { publicationRoutes } from '../routes/publications';
import { referenceRoutes } from '../routes/reference';
import { searchRoutes } from '../routes/search';
import { versionDiffRoutes } from '../routes/version-diff';
import { PAGE_SUPPORT } from './pages';

function documentsOf(context: SurfaceContext): PublicDocuments {
  if (!context.documents) throw new Error('The public read surface needs the document cache (it declares documents).');
  return context.documents;
}

/**
 * Everything anyone may read, and nothing that writes: the public pages,
 * feeds, CAP, calendars, the API reference, search, and the JSON reads of
 * countries, publications and their versions (a member key sees more, still
 * read-only). Its function's role reads the table and nothing else.
 */
export const publicReadSurface: Surface = {
  name: 'public-read',
  pages: PAGE_SUPPORT,
  documents: (deps) => new PublicDocuments(new FeedCache(() => deps.publications.publicChangeCount()), deps.logger),
  register(router, context) {
    const documents = documentsOf(context);
    const openApi = context.openApiDocument;
    if (!openApi) throw new Error('The public read surface serves /openapi.json: compose it with an OpenAPI document source.');
    // The search engine, per process: loaded from the stored snapshot on first use, then following the search log; the API and the page share it.
    const search = new SearchIndexCache(context.deps.searchIndex, { logger: context.deps.logger });
    healthRoutes(router);
    countryRoutes(router, documents);
    publicationRoutes(router);
    feedRoutes(router, documents);
    versionDiffRoutes(router);
    searchRoutes(router, search);
    referenceRoutes(router, (serverUrl) => openApi(serverUrl, router.routes));
    pageRoutes(router);
    searchPageRoutes(router, search);
  },
};

/**
 * The app of the PublicRead function. `openApiDocument` is the document of
 * every JSON route, not only its own: in AWS the committed one
 * (functions/api/openapi/committed-document.ts), so this bundle does not
 * hold the other surfaces to describe them.
 */
export function createPublicReadApp(deps: ApiDeps, openApiDocument: OpenApiSource): ComposedApp {
  return composeApp(deps, [publicReadSurface], { openApiDocument });
}
