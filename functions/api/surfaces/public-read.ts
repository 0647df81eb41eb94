import type { ApiDeps } from '../../http/env';
import { composeApp, type ComposedApp, type Surface, type SurfaceContext } from '../../http/compose-app';
import type { PublicDocuments } from '../../http/public-documents';
import type { RouteEntry } from '../../http/router';
import { pageRoutes } from '../../../web/pages/routes';
import { countryRoutes } from '../routes/countries';
import { feedRoutes } from '../routes/feeds';
import { healthRoutes } from '../routes/health';
import { publicationRoutes } from '../routes/publications';
import { referenceRoutes } from '../routes/reference';
import { versionDiffRoutes } from '../routes/version-diff';
import { apiSurface } from './api';
import { PAGE_ERRORS } from './pages';
import { subscriptionsSurface } from './people';

function documentsOf(context: SurfaceContext): PublicDocuments {
  if (!context.documents) throw new Error('The public read surface needs the document cache (it declares documents).');
  return context.documents;
}

/**
 * Everything anyone may read, and nothing that writes: the public pages,
 * feeds, CAP, calendars, the API reference, and the JSON reads of countries,
 * publications and their versions (a member key sees more, still read-only).
 * Its function's role reads the table and nothing else.
 */
export const publicReadSurface: Surface = {
  name: 'public-read',
  pageErrors: PAGE_ERRORS,
  documents: true,
  register(router, context) {
    const documents = documentsOf(context);
    healthRoutes(router);
    countryRoutes(router, documents);
    publicationRoutes(router);
    feedRoutes(router, documents);
    versionDiffRoutes(router);
    referenceRoutes(router, context.documentedRoutes);
    pageRoutes(router);
  },
};

/**
 * The app of the PublicRead function. Its OpenAPI document describes every
 * JSON route, not only its own: the routes of the other surfaces are
 * registered on a throwaway app, once, on the first request for it.
 */
export function createPublicReadApp(deps: ApiDeps): ComposedApp {
  let documented: readonly RouteEntry[] | undefined;
  const documentedRoutes = () => (documented ??= composeApp(deps, [publicReadSurface, apiSurface, subscriptionsSurface]).routes);
  return composeApp(deps, [publicReadSurface], { documentedRoutes });
}
