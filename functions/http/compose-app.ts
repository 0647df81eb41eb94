import type { Context, Hono as HonoApp } from 'hono';
import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import { AppError, MalformedRequestError, PayloadTooLargeError } from '../../shared/errors';
import type { Logger } from '../../shared/ports/logger';
import type { ApiConfig, ApiDeps, AppEnv } from './env';
import { authenticate } from './middleware/auth';
import { correlate } from './middleware/correlation';
import { idempotency } from './middleware/idempotency';
import { requestLog } from './middleware/request-log';
import { securityHeaders } from './middleware/security-headers';
import type { SessionCookies } from './middleware/session';
import { isPagePath } from './page-paths';
import { guardHost } from './host-guard';
import { guardOrigin } from './origin-guard';
import { errorToResponse, problem, sendProblem } from './problem';
import type { PublicDocuments } from './public-documents';
import { Router, type RouteEntry } from './router';

/**
 * What a surface with pages brings: HTML answers for errors and unknown
 * paths (web/pages/error-pages.tsx), and browser sessions with their CSRF
 * checks. An app without pages does not bundle the session code.
 */
export interface PageSupport {
  error(error: Error, c: Context<AppEnv>, logger: Logger): Response | Promise<Response>;
  notFound(c: Context<AppEnv>): Response | Promise<Response>;
  sessionCookies(config: ApiConfig): SessionCookies;
}

/** What a surface's routes may use besides the request: the cached public documents, and the routes to document. */
export interface SurfaceContext {
  readonly deps: ApiDeps;
  /** Present when a surface of the app declares `documents`. */
  readonly documents: PublicDocuments | undefined;
  /** The OpenAPI document served at `/openapi.json`, for a server URL; absent when the composer gives none. */
  readonly openApiDocument: OpenApiSource | undefined;
  readonly mode: ApiConfig['mode'];
}

/** The OpenAPI document for `serverUrl`, given the routes of the app being composed. */
export type OpenApiSource = (serverUrl: string, routes: readonly RouteEntry[]) => unknown;

/**
 * One part of Outpost's HTTP interface: routes registered together. In AWS
 * each surface is served by a Lambda function of its own, whose bundle and
 * role hold only what those routes use (shared/topology.ts says which paths
 * API Gateway sends to which); locally `functions/api/app.ts` composes all
 * of them into one app.
 */
export interface Surface {
  readonly name: string;
  /** Present on a surface that serves pages: HTML error pages, and sessions, forms and CSRF checks for page paths. */
  readonly pages?: PageSupport;
  /**
   * Its routes serve the cached public documents (feeds, CAP, anonymous
   * country views): builds the app's one cache, so apps without such a
   * surface do not bundle it.
   */
  readonly documents?: (deps: ApiDeps) => PublicDocuments;
  register(router: Router, context: SurfaceContext): void;
}

export interface ComposedApp {
  app: HonoApp<AppEnv>;
  routes: readonly RouteEntry[];
}

/**
 * Builds a Hono app serving `surfaces` from their dependencies: security
 * headers, the request log, the body limit, API-key authentication and
 * idempotency for every route; sessions, form parsing and CSRF checks for
 * page paths when a surface serves pages; the public document cache when a
 * surface serves documents.
 */
export function composeApp(deps: ApiDeps, surfaces: readonly Surface[], options: { openApiDocument?: OpenApiSource } = {}): ComposedApp {
  const app = new Hono<AppEnv>();
  const pages = surfaces.find((s) => s.pages)?.pages;
  // Built first, so a missing session secret in AWS fails at cold start.
  const cookies = pages?.sessionCookies(deps.config);
  // Rendered feeds, CAP, calendars and the anonymous country views, per process; cached ones skip the middleware chain (see PublicDocuments).
  const documents = surfaces.find((s) => s.documents)?.documents?.(deps);

  // Browsers get HTML for pages; the API, feeds and assets keep problem+json.
  app.onError((error, c) => (pages && isPagePath(c.req.path) ? pages.error(error, c, deps.logger) : errorToResponse(error, c, deps.logger)));
  app.notFound((c) =>
    // An unknown page path is an HTML page for browsers (they send Accept: text/html); programs keep problem+json.
    pages && isPagePath(c.req.path) && (c.req.header('accept') ?? '').includes('text/html')
      ? pages.notFound(c)
      : sendProblem(c, problem(404, 'not-found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`)),
  );

  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  if (deps.correlation) app.use('*', correlate(deps.correlation));
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
  if (cookies) {
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
  }
  if (documents) {
    // A write by this process is seen by its next public read, not up to a counter interval later.
    app.use('*', async (c, next) => {
      await next();
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.status < 400) documents.cache.revalidate();
    });
  }
  if (cookies) app.use('*', cookies.csrfProtection);
  app.use('*', idempotency());

  const router = new Router(app);
  const context: SurfaceContext = { deps, documents, openApiDocument: options.openApiDocument, mode: deps.config.mode };
  for (const surface of surfaces) surface.register(router, context);

  if (documents) app.fetch = documents.wrap(app.fetch);
  // Locally, a request for another host name (DNS rebinding) reaches nothing, not even the document cache.
  app.fetch = guardHost(app.fetch, deps.config);
  // Outermost, so that not even the document cache's fast path answers a request that bypassed CloudFront.
  if (deps.originSecret) app.fetch = guardOrigin(app.fetch, deps.originSecret, deps.logger);
  return { app, routes: router.routes };
}
