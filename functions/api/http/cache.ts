import type { Context } from 'hono';
import type { AppEnv } from '../env';
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

/** A pre-rendered public document: bytes, validators and type all computed once. */
export interface PreparedDocument {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
  /** ISO 8601, for If-Modified-Since. */
  lastModified: string;
  /** The same instant as an HTTP date, for the header. */
  lastModifiedHttp: string;
}

/**
 * Sends a pre-rendered public document (a feed, a CAP alert, the calendar)
 * the same to everyone: no per-request work beyond comparing validators.
 * Open to any origin, since it is public and readers run in browsers too.
 */
export function sendDocument(c: Context<AppEnv>, doc: PreparedDocument): Response {
  const headers: Record<string, string> = {
    etag: doc.etag,
    'last-modified': doc.lastModifiedHttp,
    'cache-control': PUBLIC_CACHE_CONTROL,
    'access-control-allow-origin': '*',
  };
  if (notModified(c, doc.etag, doc.lastModified)) return new Response(null, { status: 304, headers });
  headers['content-type'] = doc.contentType;
  return new Response(doc.body, { status: 200, headers });
}
