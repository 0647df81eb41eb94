import type { Context } from 'hono';
import type { AppEnv } from './env';
import { notModified } from './etag';

/**
 * Sends a readable representation with validators: shared caches may keep
 * what anonymous callers get; whatever depends on a key is private.
 */
export function cacheable(c: Context<AppEnv>, body: unknown, etag: string, lastModified?: string): Response {
  const anonymous = c.var.viewer.kind === 'anonymous';
  c.header('etag', etag);
  c.header('vary', 'Authorization');
  c.header('cache-control', anonymous ? 'public, max-age=60, stale-while-revalidate=300' : 'private, no-store');
  if (lastModified) c.header('last-modified', new Date(lastModified).toUTCString());
  if (notModified(c, etag, lastModified)) return c.body(null, 304);
  return c.json(body);
}

/** Cache-Control of public documents: shared caches keep them a minute and may serve them stale while they refetch. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

// Pre-rendered public documents (feeds, CAP, calendars) are sent by PublicDocuments (public-documents.ts).
