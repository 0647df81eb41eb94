import type { Context } from 'hono';
import type { CachedDocument, FeedCache } from '../../shared/services/feed-cache';
import type { FeedDocument } from '../../shared/services/render-feed';
import type { Logger } from '../../shared/ports/logger';
import type { AppEnv } from './env';
import { SECURITY_HEADERS } from './middleware/security-headers';
import { PUBLIC_CACHE_CONTROL } from './cache';
import { isNotModified } from './etag';

/** The response headers of one cached document, built once when it is first sent. */
interface DocumentHeaders {
  ok: Readonly<Record<string, string>>;
  notModified: Readonly<Record<string, string>>;
}

const built = new WeakMap<CachedDocument, DocumentHeaders>();

/**
 * A cached document's headers for 200 and 304: validators, caching, CORS
 * and every security header the middleware chain would add, computed once
 * per rendered document (documents are immutable; a change renders anew).
 */
function documentHeaders(doc: CachedDocument): DocumentHeaders {
  let headers = built.get(doc);
  if (!headers) {
    const notModified = Object.freeze({
      etag: doc.etag,
      'last-modified': doc.lastModifiedHttp,
      'cache-control': PUBLIC_CACHE_CONTROL,
      ...(doc.vary ? { vary: doc.vary } : {}),
      'access-control-allow-origin': '*',
      ...SECURITY_HEADERS,
    });
    headers = { notModified, ok: Object.freeze({ ...notModified, 'content-type': doc.contentType }) };
    built.set(doc, headers);
  }
  return headers;
}

/** 304 or 200 for a cached document, from the raw conditional headers. */
function respond(doc: CachedDocument, inm: string | null | undefined, ims: string | null | undefined): Response {
  const headers = documentHeaders(doc);
  if (isNotModified(inm, ims, doc.etag, doc.lastModified)) return new Response(null, { status: 304, headers: headers.notModified });
  return new Response(doc.body, { status: 200, headers: headers.ok });
}

/** The path of an absolute request URL, without the query, as `new URL(url).pathname` gives it for ordinary paths. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const query = url.indexOf('?', start);
  const hash = url.indexOf('#', start);
  const end = query < 0 ? hash : hash < 0 ? query : Math.min(query, hash);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

/**
 * The public, pre-rendered documents (feeds, CAP, calendars, and what
 * anonymous callers get from `/v1/countries` and `/v1/countries/{cc}`): one
 * per-process FeedCache, the route handlers that fill it, and a fast path
 * in front of the whole middleware chain that answers an anonymous GET of
 * a document already cached and fresh.
 *
 * The fast path is safe to take before the middleware because for such a
 * request every middleware is a no-op or adds only constant headers: no
 * Authorization (so authentication resolves the anonymous viewer; a bad
 * key still reaches `authenticate` and gets its 401; a good one gets the
 * route's own, uncached view), no session (none of these are page paths), no body (GET), no idempotency (POST only), no CSRF
 * (GET). The security headers are in the precomputed header objects, and
 * the request log line is written as the middleware writes it. Anything
 * else (HEAD, a miss, a stale counter, a cached "not found") takes the
 * normal path, which revalidates, renders and fills the cache.
 *
 * @example
 *   const documents = new PublicDocuments(new FeedCache(() => store.publicChangeCount()), logger);
 *   app.fetch = documents.wrap(app.fetch);
 */
export class PublicDocuments {
  /** Route pattern per cached path, so the fast path logs what the route would have logged. */
  private readonly routeOf = new Map<string, string>();

  constructor(
    readonly cache: FeedCache,
    private readonly logger: Logger,
  ) {}

  /** For route handlers: the document at the request's path, rendered on a miss, sent with validators. */
  async send(c: Context<AppEnv>, render: () => Promise<FeedDocument | undefined>): Promise<Response | undefined> {
    const path = pathOf(c.req.url);
    const doc = await this.cache.get(path, render);
    if (!doc) return undefined;
    if (!this.routeOf.has(path)) this.routeOf.set(path, c.req.routePath);
    return respond(doc, c.req.header('if-none-match'), c.req.header('if-modified-since'));
  }

  /** Answers `request` from the cache when the fast path applies, else undefined. */
  tryServe(request: Request): Response | undefined {
    if (request.method !== 'GET') return undefined;
    const path = pathOf(request.url);
    const route = this.routeOf.get(path);
    if (route === undefined) return undefined;
    const doc = this.cache.peek(path);
    if (!doc) return undefined;
    const headers = request.headers;
    if (headers.get('authorization') !== null) return undefined;
    const started = performance.now();
    const res = respond(doc, headers.get('if-none-match'), headers.get('if-modified-since'));
    // The same line requestLog writes for the normal path (an anonymous caller has no key id).
    this.logger.info('request', { method: 'GET', route, status: res.status, ms: Math.round(performance.now() - started), key: undefined });
    return res;
  }

  /** Wraps an app's fetch so that the fast path runs first; the result answers as the app does. */
  wrap<F extends (request: Request, ...rest: never[]) => Response | Promise<Response>>(fetch: F): F {
    return ((request: Request, ...rest: never[]) => this.tryServe(request) ?? fetch(request, ...rest)) as F;
  }
}
