import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SESSION_TTL_SECONDS } from '../../../shared/domain/session';
import { ForbiddenError } from '../../../shared/errors';
import { resolveSession } from '../../../shared/services/session';
import type { ApiConfig, AppEnv } from '../env';
import { isPagePath } from '../page-paths';

/**
 * Browser sessions for the web UI (docs/decisions/0008-web-sessions-and-csrf.md).
 *
 * The cookie holds a random session id, signed with HMAC-SHA256
 * (hono/cookie `setSignedCookie`); the table keeps the id's hash, the
 * person, the expiry and the session's CSRF token. HttpOnly, SameSite=Lax,
 * Path=/, and in AWS Secure with the `__Host-` prefix.
 *
 * Sessions apply to pages only: the JSON API under /v1 stays API-key only,
 * so no cookie can ever authorize an API call made by another site.
 */
export const SESSION_COOKIE = 'outpost_session';

/** The hidden form field that carries the session's CSRF token. */
const CSRF_FIELD = '_csrf';

/**
 * Forms whose authority is a signed token or code from a link in a message
 * (unsubscribe, confirm, personal data, a traveler's safety answer and alert stop), never the browser's cookies: a
 * forged cross-site post needs the token, and with it could act anyway, so
 * CSRF checks protect nothing there. RFC 8058 needs it: a mailbox provider
 * posts `List-Unsubscribe=One-Click` to the link from its own servers, with
 * no Origin and no session.
 */
const LINK_AUTHORIZED_FORMS = /^\/(subscribe\/(unsubscribe|confirm)|[urt]\/[^/]+|personal-data\/(export|erase))$/;

export interface SessionCookies {
  /** Resolves the viewer from the session cookie when no Authorization header was sent. */
  middleware: MiddlewareHandler<AppEnv>;
  /** Origin check on every unsafe page request, and the session's token on every form posted with a session. */
  csrfProtection: MiddlewareHandler<AppEnv>;
  start(c: Context<AppEnv>, sessionId: string): Promise<void>;
  clear(c: Context<AppEnv>): void;
}

const built = new WeakMap<ApiConfig, SessionCookies>();

/**
 * The session cookie handling for one app configuration, built once (the
 * app factory calls it first, so a missing secret in AWS fails at cold start).
 */
export function sessionCookies(config: ApiConfig): SessionCookies {
  let cookies = built.get(config);
  if (!cookies) {
    cookies = buildSessionCookies(config);
    built.set(config, cookies);
  }
  return cookies;
}

function buildSessionCookies(config: ApiConfig): SessionCookies {
  const secure = config.mode === 'aws';
  if (!config.sessionSecret && secure) throw new Error('config.sessionSecret is required in AWS mode (SESSION_SIGNING_SECRET or LINK_SIGNING_SECRET).');
  const secret = config.sessionSecret ?? randomBytes(32).toString('base64url');
  if (secret.length < 32) throw new Error('config.sessionSecret must be at least 32 characters.');
  const prefix = secure ? ('host' as const) : undefined;
  const allowedOrigins = new Set([new URL(config.baseUrl).origin]);
  const originCheck = csrf({ origin: (origin, c) => allowedOrigins.has(origin) || origin === new URL(c.req.url).origin });

  const clear = (c: Context<AppEnv>) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure, ...(prefix ? { prefix } : {}) });
  };

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.header('authorization') === undefined && isPagePath(c.req.path)) {
      const id = await getSignedCookie(c, secret, SESSION_COOKIE, prefix);
      if (typeof id === 'string' && id.length > 0 && id.length <= 100) {
        const resolved = await resolveSession(c.var.deps, id);
        if (resolved) {
          c.set('viewer', resolved.viewer);
          c.set('scopes', ['read', 'write']);
          c.set('session', { id, record: resolved.session, name: resolved.person.name });
        } else clear(c);
      } else if (id === false) clear(c);
    }
    await next();
  };

  const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || !isPagePath(c.req.path) || LINK_AUTHORIZED_FORMS.test(c.req.path)) return next();
    return originCheck(c, async () => {
      const session = c.var.session;
      if (session) {
        const body = await c.req.parseBody();
        const given = typeof body[CSRF_FIELD] === 'string' ? Buffer.from(body[CSRF_FIELD]) : Buffer.alloc(0);
        const expected = Buffer.from(session.record.csrfToken);
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          throw new ForbiddenError('This form has expired or did not come from Outpost. Go back, reload the page and try again.');
        }
      }
      await next();
    });
  };

  return {
    middleware,
    csrfProtection,
    clear,
    async start(c, sessionId) {
      await setSignedCookie(c, SESSION_COOKIE, sessionId, secret, {
        path: '/',
        httpOnly: true,
        secure,
        sameSite: 'Lax',
        maxAge: SESSION_TTL_SECONDS,
        ...(prefix ? { prefix } : {}),
      });
    },
  };
}
