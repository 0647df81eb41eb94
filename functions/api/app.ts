import type { ApiDeps } from '../http/env';
import { composeApp, type ComposedApp } from '../http/compose-app';
import { buildOpenApiDocument } from './openapi/document';
import { apiSurface } from './surfaces/api';
import { devSurface } from './surfaces/dev';
import { publicReadSurface } from './surfaces/public-read';
import { peopleSurface, subscriptionsSurface } from './surfaces/people';

/**
 * Builds the one Hono app that serves all of Outpost from its
 * dependencies: every surface composed (the public reads, the JSON API,
 * subscriptions, the pages of people, and the developer routes), its
 * OpenAPI document built from all of their routes. It runs on Node locally;
 * in AWS each surface's own function serves its part of the same routes
 * (functions/api/surfaces, and `http` in shared/topology.ts).
 */
export function createApp(deps: ApiDeps): ComposedApp {
  return composeApp(deps, [publicReadSurface, apiSurface, subscriptionsSurface, devSurface, peopleSurface], {
    openApiDocument: (serverUrl, routes) => buildOpenApiDocument(routes, { serverUrl }),
  });
}
