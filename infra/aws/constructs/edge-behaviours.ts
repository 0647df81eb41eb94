import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * CloudFront's cache behaviours for Outpost, as data: which paths are
 * cached, what goes into each one's cache key, and what reaches the origin.
 *
 * - Cached paths honour the origin's Cache-Control (nothing is cached
 *   without it; signed-in and keyed responses say `private, no-store`). Their
 *   cache key holds only the query parameters the path reads, so a random
 *   query string is dropped rather than bypassing the cache, and nothing
 *   else reaches the origin.
 * - Public pages key on the session cookie: a signed-in reader's page (which
 *   the origin marks private) never shares an entry with an anonymous one.
 *   The JSON API, feeds and documents key on Authorization instead.
 * - The pages that sign in, subscribe, manage, unsubscribe, ask for
 *   personal data or search are never cached and get every cookie and
 *   query parameter.
 * - The rest of the JSON API passes through: Authorization is in a key that
 *   lives at most a second, every query parameter reaches the origin.
 * - Every behaviour forwards `CloudFront-Viewer-Address`, the only client
 *   address the origin trusts (functions/http/client-address.ts).
 */
export type BehaviourKind = 'api-read' | 'api' | 'document' | 'page' | 'uncached-page';

export interface Behaviour {
  readonly kind: BehaviourKind;
  /** Query parameters in the cache key (cached kinds only). */
  readonly query?: readonly string[];
}

/** The session cookie as it is named in AWS (`__Host-` prefix, functions/http/middleware/session.ts). */
export const SESSION_COOKIE = '__Host-outpost_session';

/** The query parameters of `GET /v1/publications` (functions/api/routes/publications.ts). */
const PUBLICATION_LIST_QUERY = ['kind', 'country', 'region', 'since', 'limit', 'cursor', 'near', 'radiusKm', 'bbox'];

/**
 * Path patterns in precedence order (CloudFront takes the first that
 * matches); the default behaviour, for every other path (the home page,
 * unknown paths), is a page without query parameters.
 */
export const BEHAVIOURS: readonly (readonly [string, Behaviour])[] = [
  ['/v1/publications*', { kind: 'api-read', query: PUBLICATION_LIST_QUERY }],
  ['/v1/countries*', { kind: 'api-read', query: [] }],
  ['/v1/*', { kind: 'api' }],
  ['/feeds/*', { kind: 'document', query: [] }],
  ['/cap/*', { kind: 'document', query: [] }],
  ['/openapi.json', { kind: 'document', query: [] }],
  ['/docs*', { kind: 'document', query: [] }],
  // The stylesheet's URL carries its hash (?v=…), so a new stylesheet is a new entry.
  ['/assets/*', { kind: 'document', query: ['v'] }],
  ['/sign-in*', { kind: 'uncached-page' }],
  ['/sign-out', { kind: 'uncached-page' }],
  ['/subscribe*', { kind: 'uncached-page' }],
  ['/u/*', { kind: 'uncached-page' }],
  // A traveler's one-tap safety answer and stop link: personal, acted on by POST.
  ['/r/*', { kind: 'uncached-page' }],
  ['/t/*', { kind: 'uncached-page' }],
  ['/personal-data*', { kind: 'uncached-page' }],
  // Search answers what the caller may see, from any query: never cached, every parameter reaches the origin.
  ['/search*', { kind: 'uncached-page' }],
  ['/console*', { kind: 'uncached-page' }],
  ['/portal*', { kind: 'uncached-page' }],
  ['/countries', { kind: 'page', query: ['q'] }],
  ['/countries/*', { kind: 'page', query: [] }],
  ['/publications/*', { kind: 'page', query: [] }],
];

/** The behaviour of every path no pattern matches. */
export const DEFAULT_BEHAVIOUR: Behaviour = { kind: 'page', query: [] };

/** What the JSON API reads of a request besides its key, path and query. */
const API_HEADERS = ['CloudFront-Viewer-Address', 'Accept', 'Content-Type', 'Idempotency-Key', 'If-Match', 'Origin', 'User-Agent'];
/** What a page reads: the client address for limits, Origin and Referer for CSRF checks, language and agent. */
const PAGE_HEADERS = ['CloudFront-Viewer-Address', 'Accept', 'Accept-Language', 'Content-Type', 'Origin', 'Referer', 'User-Agent'];

const queryKey = (query: readonly string[]) => (query.length > 0 ? cloudfront.CacheQueryStringBehavior.allowList(...query) : cloudfront.CacheQueryStringBehavior.none());

/** Builds the cache and origin request policies of each behaviour once, so behaviours that share them share one policy. */
export class EdgePolicies {
  private readonly cache = new Map<string, cloudfront.ICachePolicy>();
  private readonly requests = new Map<string, cloudfront.IOriginRequestPolicy>();

  constructor(private readonly scope: Construct) {}

  cachePolicy(behaviour: Behaviour): cloudfront.ICachePolicy {
    if (behaviour.kind === 'uncached-page') return cloudfront.CachePolicy.CACHING_DISABLED;
    const query = behaviour.query ?? [];
    const id = `${behaviour.kind}${query.map((q) => `-${q}`).join('')}`;
    let policy = this.cache.get(id);
    if (!policy) {
      const passThrough = behaviour.kind === 'api';
      policy = new cloudfront.CachePolicy(this.scope, `Cache-${id}`, {
        comment: passThrough ? 'Outpost JSON API: not cached beyond a second; Authorization and every query parameter reach the origin.' : `Outpost ${behaviour.kind}: honour origin Cache-Control; key on ${query.length > 0 ? query.join(', ') : 'no query parameter'}.`,
        minTtl: Duration.seconds(0),
        defaultTtl: Duration.seconds(0),
        // A cache policy with a key must allow some caching; a second is the least, and the origin says no-store anyway.
        maxTtl: passThrough ? Duration.seconds(1) : Duration.days(1),
        queryStringBehavior: passThrough ? cloudfront.CacheQueryStringBehavior.all() : queryKey(query),
        headerBehavior: behaviour.kind === 'page' ? cloudfront.CacheHeaderBehavior.none() : cloudfront.CacheHeaderBehavior.allowList('Authorization'),
        cookieBehavior: behaviour.kind === 'page' ? cloudfront.CacheCookieBehavior.allowList(SESSION_COOKIE) : cloudfront.CacheCookieBehavior.none(),
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      });
      this.cache.set(id, policy);
    }
    return policy;
  }

  originRequestPolicy(behaviour: Behaviour): cloudfront.IOriginRequestPolicy {
    const kind = behaviour.kind;
    let policy = this.requests.get(kind);
    if (!policy) {
      const pages = kind === 'page' || kind === 'uncached-page';
      const everything = kind === 'api' || kind === 'uncached-page';
      policy = new cloudfront.OriginRequestPolicy(this.scope, `Requests-${kind}`, {
        comment: `Outpost ${kind}: what reaches the origin besides the cache key.`,
        headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...(pages ? PAGE_HEADERS : API_HEADERS)),
        queryStringBehavior: everything ? cloudfront.OriginRequestQueryStringBehavior.all() : cloudfront.OriginRequestQueryStringBehavior.none(),
        cookieBehavior: kind === 'uncached-page' ? cloudfront.OriginRequestCookieBehavior.all() : cloudfront.OriginRequestCookieBehavior.none(),
      });
      this.requests.set(kind, policy);
    }
    return policy;
  }
}
