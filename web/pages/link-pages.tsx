import type { Context } from 'hono';
import type { AppEnv } from '../../functions/http/env';
import { AppError, ConflictError } from '../../shared/errors';
import { sendPage } from './respond';
import { LinkProblemPage } from './subscription-link-pages';

/*
 * What every page opened from a link in a message shares: a GET shows and a
 * button's POST acts; the token travels in the URL or the form, never a
 * cookie; the page is never cached or sent on as a Referer.
 */

/** A link error as a page: invalid (400), expired (410) or ended (409). */
export function linkProblem(c: Context<AppEnv>, error: unknown): Promise<Response> {
  if (error instanceof AppError && (error.status === 400 || error.status === 410 || error instanceof ConflictError)) {
    const title = error.status === 410 ? 'This link has expired' : error.status === 409 ? 'This subscription has ended' : 'This link is not valid';
    return sendPage(c, <LinkProblemPage title={title} message={error.message} />, { status: error.status as 400 | 409 | 410, noStore: true });
  }
  throw error;
}

/** Pages opened from links in messages are as private as the links: never cached, never sent on as a Referer. */
export function linkHeaders(c: Context<AppEnv>): void {
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
}

/** A token longer than any this site signs is no token. */
export const boundedToken = (token: string | undefined) => (token && token.length <= 2048 ? token : undefined);

/** The signed token of a link page's form, or of the link itself (RFC 8058 posts to the link's own URL). */
export async function postedToken(c: Context<AppEnv>): Promise<string | undefined> {
  const body = await c.req.parseBody();
  return boundedToken(typeof body.token === 'string' && body.token ? body.token : c.req.query('token'));
}

