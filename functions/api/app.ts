import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../../shared/errors';
import type { ApiDeps, AppEnv } from './env';
import { errorToResponse, problem, sendProblem } from './http/problem';
import { authenticate } from './middleware/auth';
import { idempotency } from './middleware/idempotency';
import { requestLog } from './middleware/request-log';
import { securityHeaders } from './middleware/security-headers';
import { Router, type RouteEntry } from './router';
import { accountRoutes } from './routes/account';
import { countryRoutes } from './routes/countries';
import { healthRoutes } from './routes/health';
import { publicationRoutes } from './routes/publications';
import { feedRoutes } from './routes/feeds';
import { subscriptionRoutes } from './routes/subscriptions';
import { deliveryRoutes } from './routes/deliveries';
import { referenceRoutes } from './routes/reference';
import { pageRoutes } from '../../web/pages/routes';

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
  app.onError((error, c) => errorToResponse(error, c, deps.logger));
  app.notFound((c) => sendProblem(c, problem(404, 'not-found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`)));

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
  app.use('*', idempotency());

  const router = new Router(app);
  healthRoutes(router);
  countryRoutes(router);
  publicationRoutes(router);
  accountRoutes(router);
  subscriptionRoutes(router);
  deliveryRoutes(router);
  feedRoutes(router);
  referenceRoutes(router);
  pageRoutes(router);

  return { app, routes: router.routes };
}
