import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, MalformedRequestError, PayloadTooLargeError } from '../../shared/errors';
import type { ApiDeps, AppEnv } from '../http/env';
import { errorToResponse, problem, sendProblem } from '../http/problem';
import { authenticate } from '../http/middleware/auth';
import { idempotency } from '../http/middleware/idempotency';
import { requestLog } from '../http/middleware/request-log';
import { securityHeaders } from '../http/middleware/security-headers';
import { isPagePath, sessionCookies } from '../http/middleware/session';
import { Router, type RouteEntry } from '../http/router';
import { accountRoutes } from './routes/account';
import { countryRoutes } from './routes/countries';
import { healthRoutes } from './routes/health';
import { publicationRoutes } from './routes/publications';
import { feedRoutes } from './routes/feeds';
import { PublicDocuments } from '../http/public-documents';
import { guardHost } from '../http/host-guard';
import { FeedCache } from '../../shared/services/feed-cache';
import { subscriptionRoutes } from './routes/subscriptions';
import { deliveryRoutes } from './routes/deliveries';
import { referenceRoutes } from './routes/reference';
import { searchRoutes } from './routes/search';
import { SearchIndexCache } from '../../shared/services/search/search-index-cache';
import { versionDiffRoutes } from './routes/version-diff';
import { safetyCheckRoutes } from './routes/safety-checks';
import { travelerRoutes } from './routes/travelers';
import { pageErrorResponse, pageNotFoundResponse, webRoutes } from '../../web/routes';

export interface ApiApp {
  app: Hono<AppEnv>;
  routes: readonly RouteEntry[];
}

/**
 * Builds the one Hono app that serves Outpost, from its dependencies. The
 * same app runs behind API Gateway (lambda.ts) and on Node locally.
 */
export function createApp(deps: ApiDeps): ApiApp {
  const app = new Hono<AppEnv>();
  const cookies = sessionCookies(deps.config);
  // Rendered feeds, CAP, calendars and the anonymous country views, per process; cached ones skip the middleware chain (see PublicDocuments).
  const documents = new PublicDocuments(new FeedCache(() => deps.publications.publicChangeCount()), deps.logger);
  // The search engine, per process: loaded from the stored snapshot on first use, then following the search log.
  const search = new SearchIndexCache(deps.searchIndex, { logger: deps.logger });
  // Browsers get HTML for pages; the API, feeds and assets keep problem+json.
  app.onError((error, c) => (isPagePath(c.req.path) ? pageErrorResponse(error, c, deps.logger) : errorToResponse(error, c, deps.logger)));
  app.notFound((c) =>
    // An unknown page path is an HTML page for browsers (they send Accept: text/html); programs keep problem+json.
    isPagePath(c.req.path) && (c.req.header('accept') ?? '').includes('text/html')
      ? pageNotFoundResponse(c)
      : sendProblem(c, problem(404, 'not-found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`)),
  );

  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', requestLog());
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(deps.config.maxBodyBytes);
      },
    }),
  );
  app.use('*', authenticate());
  // Pages only: a signed session cookie stands in for a key when no Authorization header is sent.
  app.use('*', cookies.middleware);
  // A page form that cannot be read (multipart without a boundary, a broken body) is a 400, not a 500; Hono caches the parsed form for the handler.
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && isPagePath(c.req.path)) {
      await c.req.parseBody().catch((error: unknown) => {
        throw error instanceof AppError ? error : new MalformedRequestError('The form could not be read.');
      });
    }
    await next();
  });
  // A write by this process is seen by its next public read, not up to a counter interval later.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.status < 400) documents.cache.revalidate();
  });
  app.use('*', cookies.csrfProtection);
  app.use('*', idempotency());

  const router = new Router(app);
  healthRoutes(router);
  countryRoutes(router, documents);
  publicationRoutes(router);
  accountRoutes(router);
  subscriptionRoutes(router);
  deliveryRoutes(router);
  travelerRoutes(router);
  safetyCheckRoutes(router);
  feedRoutes(router, documents);
  versionDiffRoutes(router);
  searchRoutes(router, search);
  referenceRoutes(router);
  webRoutes(router, deps.config, search);

  // Outermost: locally, a request for another host name (DNS rebinding) reaches nothing, not even the document cache.
  app.fetch = guardHost(documents.wrap(app.fetch), deps.config);
  return { app, routes: router.routes };
}
