import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { PUBLIC } from '../../http/access';
import type { AppEnv } from '../../http/env';
import { notModified } from '../../http/etag';
import { DOCS_CSP, DOCS_HTML, SWAGGER_FILES, SWAGGER_INIT, swaggerAsset, type StaticAsset, type SwaggerFile } from '../openapi/swagger-assets';
import type { Router } from '../../http/router';

function asset(body: string, contentType: string): StaticAsset {
  const bytes = Buffer.from(body, 'utf8');
  return { body: bytes, contentType, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
}

function sendAsset(c: Context<AppEnv>, file: StaticAsset, cacheControl: string, extra: Record<string, string> = {}): Response {
  const headers: Record<string, string> = { etag: file.etag, 'cache-control': cacheControl, ...extra };
  if (notModified(c, file.etag)) return new Response(null, { status: 304, headers });
  headers['content-type'] = file.contentType;
  return new Response(file.body, { status: 200, headers });
}

const REVALIDATE = 'public, max-age=300';

/**
 * The OpenAPI 3.1 document (`/openapi.json`) and its reference UI (`/docs`).
 * The document comes from `openApiDocument` on first request (built from
 * the routes of the whole app locally, the committed document in AWS), for
 * the deployment's base URL.
 */
export function referenceRoutes(router: Router, openApiDocument: (serverUrl: string) => unknown): void {
  let document: StaticAsset | undefined;
  const page = asset(DOCS_HTML, 'text/html; charset=utf-8');
  const init = asset(SWAGGER_INIT, 'text/javascript; charset=utf-8');

  router.on('GET', '/openapi.json', PUBLIC, (c) => {
    document ??= asset(`${JSON.stringify(openApiDocument(c.var.deps.config.baseUrl), null, 2)}\n`, 'application/json; charset=utf-8');
    return sendAsset(c, document, REVALIDATE, { 'access-control-allow-origin': '*' });
  });

  router.on('GET', '/docs', PUBLIC, (c) => sendAsset(c, page, REVALIDATE, { 'content-security-policy': DOCS_CSP }));
  router.on('GET', '/docs/init.js', PUBLIC, (c) => sendAsset(c, init, REVALIDATE));
  for (const name of Object.keys(SWAGGER_FILES) as SwaggerFile[]) {
    router.on('GET', `/docs/${name}`, PUBLIC, (c) => sendAsset(c, swaggerAsset(name), 'public, max-age=86400'));
  }
}
