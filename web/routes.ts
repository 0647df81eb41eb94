import type { ApiConfig } from '../functions/http/env';
import type { Router } from '../functions/http/router';
import type { SearchIndexCache } from '../shared/services/search/search-index-cache';
import { consoleRoutes } from './pages/console-routes';
import { outboxRoutes } from './pages/outbox-routes';
import { portalRoutes } from './pages/portal-routes';
import { portalSubscriptionRoutes } from './pages/portal-subscription-routes';
import { personalDataRoutes } from './pages/personal-data-routes';
import { pageRoutes } from './pages/routes';
import { searchPageRoutes } from './pages/search-routes';
import { signInRoutes } from './pages/sign-in-routes';
import { subscribeRoutes } from './pages/subscribe-routes';
import { safetyResponseRoutes } from './pages/safety-response-routes';
import { travelerPortalRoutes } from './pages/traveler-portal-routes';

export { pageErrorResponse, pageNotFoundResponse } from './pages/error-pages';

/**
 * Registers every server-rendered page on the router; `functions/api/app.ts`
 * composes this with the JSON API and hands the pages the process's search
 * engine, which the API's `/v1/search` shares. The outbox pages exist in local mode
 * only: in AWS their paths are not routes at all, so they answer 404.
 */
export function webRoutes(router: Router, config: Pick<ApiConfig, 'mode'>, search: SearchIndexCache): void {
  pageRoutes(router);
  searchPageRoutes(router, search);
  signInRoutes(router);
  subscribeRoutes(router);
  personalDataRoutes(router);
  consoleRoutes(router);
  portalRoutes(router);
  portalSubscriptionRoutes(router);
  travelerPortalRoutes(router);
  safetyResponseRoutes(router);
  if (config.mode === 'local') outboxRoutes(router);
}
