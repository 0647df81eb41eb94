import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from '../../functions/http/env';
import { notModified } from '../../functions/http/etag';
import { contentEtag } from '../../functions/http/weak-etag';
import { AccountContext, ViewerRoleContext } from '../components/account';

/**
 * Pages carry no inline script or style, so the policy can be this strict:
 * styles only from our own stylesheet, images only from us (and data: for
 * the browser's own form controls), forms only back to us.
 */
const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The page policy plus frames of our own documents, for the one page that
 * needs it (the local outbox shows an email's HTML part in a sandboxed frame).
 */
const PAGE_CSP_WITH_OWN_FRAMES = `${PAGE_CSP}; frame-src 'self'`;

/** The page policy plus scripts of our own (web/assets/page-scripts.ts), for pages that link one. */
const PAGE_CSP_WITH_OWN_SCRIPTS = `${PAGE_CSP}; script-src 'self'; connect-src 'self'`;

/** Renders a JSX document to a complete HTML string with its doctype. */
async function renderDocument(page: JSX.Element): Promise<string> {
  return `<!doctype html>${String(await page)}`;
}

/** Statuses a page may be sent with; anything but 200 is never cached. */
export type PageStatus = 200 | 201 | 400 | 401 | 403 | 404 | 405 | 409 | 410 | 412 | 413 | 415 | 422 | 428 | 429 | 500 | 503;

/**
 * Sends a page with the page CSP and the cache rules of public reads:
 * anonymous views may be shared by caches for a minute; anything rendered
 * for a key is private. With `conditional`, the page gets an ETag from its
 * bytes and a matching If-None-Match gets a 304. `noStore` is for pages
 * reached with a link token: never kept by any cache. `frames: 'self'`
 * lets the page frame documents of this origin; every other page frames
 * nothing. `scripts` lets it run the site's own scripts (and fetch from
 * this origin); every other page runs none.
 */
export async function sendPage(
  c: Context<AppEnv>,
  page: JSX.Element,
  options: { status?: PageStatus; conditional?: boolean; noStore?: boolean; frames?: 'self'; scripts?: boolean } = {},
): Promise<Response> {
  const status = options.status ?? 200;
  const session = c.var.session;
  const account = session ? { name: session.name, role: session.record.role, csrfToken: session.record.csrfToken } : undefined;
  const role = c.var.viewer?.kind === 'person' ? c.var.viewer.role : undefined;
  const html = await renderDocument(
    <ViewerRoleContext.Provider value={role}>
      <AccountContext.Provider value={account}>{page}</AccountContext.Provider>
    </ViewerRoleContext.Provider>,
  );
  const anonymous = c.var.viewer?.kind !== 'person';
  c.header('content-security-policy', options.frames === 'self' ? PAGE_CSP_WITH_OWN_FRAMES : options.scripts ? PAGE_CSP_WITH_OWN_SCRIPTS : PAGE_CSP);
  c.header('vary', 'Authorization, Cookie');
  if (status !== 200) {
    c.header('cache-control', 'no-store');
    return c.html(html, status);
  }
  c.header('cache-control', options.noStore ? 'no-store' : anonymous ? 'public, max-age=60' : 'private, no-store');
  if (options.conditional) {
    const etag = contentEtag(html);
    c.header('etag', etag);
    if (notModified(c, etag)) return c.body(null, 304);
  }
  return c.html(html, 200);
}

/**
 * Sends one of the site's own assets (stylesheet, script). Pages link it
 * with its content hash in the query, so a changed asset is a new URL and
 * any copy may be kept for a year; the hash is its ETag.
 */
export function sendAsset(c: Context<AppEnv>, asset: { body: string; hash: string; contentType: string }): Response {
  const etag = `"${asset.hash}"`;
  c.header('etag', etag);
  c.header('cache-control', 'public, max-age=31536000, immutable');
  if (notModified(c, etag)) return c.body(null, 304);
  c.header('content-type', asset.contentType);
  return c.body(asset.body);
}
