import type { Router } from '../functions/http/router';
import { consoleRoutes } from './pages/console-routes';
import { portalRoutes } from './pages/portal-routes';
import { pageRoutes } from './pages/routes';
import { signInRoutes } from './pages/sign-in-routes';
import { subscribeRoutes } from './pages/subscribe-routes';

export { pageErrorResponse, pageNotFoundResponse } from './pages/error-pages';

/** Registers every server-rendered page on the router; `functions/api/app.ts` composes this with the JSON API. */
export function webRoutes(router: Router): void {
  pageRoutes(router);
  signInRoutes(router);
  subscribeRoutes(router);
  consoleRoutes(router);
  portalRoutes(router);
}
