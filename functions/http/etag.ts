import type { Context } from 'hono';
import { PreconditionRequiredError, PreconditionFailedError } from '../../shared/errors';

/** The ETag of a publication head: its id and revision. */
export function publicationEtag(id: string, rev: number): string {
  return `"${id}.${rev}"`;
}

/** The revision an If-Match header names for `id`; 428 when absent, 412 when it names something else. */
export function requireIfMatch(c: Context, id: string): number {
  const header = c.req.header('if-match');
  if (!header) throw new PreconditionRequiredError();
  const match = /^\s*(?:W\/)?"([0-9A-Z]{26})\.(\d{1,9})"\s*$/.exec(header);
  if (!match || match[1] !== id) throw new PreconditionFailedError();
  return Number(match[2]);
}

/** The revision an optional If-Match names, for workflow steps that accept one. */
export function optionalIfMatch(c: Context, id: string): number | undefined {
  return c.req.header('if-match') ? requireIfMatch(c, id) : undefined;
}

/**
 * Answers a conditional GET: 304 when If-None-Match (or, without it,
 * If-Modified-Since) says the client's copy is current.
 */
export function notModified(c: Context, etag: string, lastModified?: string): boolean {
  return isNotModified(c.req.header('if-none-match'), c.req.header('if-modified-since'), etag, lastModified);
}

/** `notModified` on the raw header values, for callers that have no Hono context (the public document fast path). */
export function isNotModified(inm: string | null | undefined, ims: string | null | undefined, etag: string, lastModified?: string): boolean {
  if (inm) {
    // The common case, one strong tag exactly as sent, needs no splitting.
    if (inm === etag) return true;
    return inm
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t === etag.replace(/^W\//, ''));
  }
  if (ims && lastModified) {
    const since = Date.parse(ims);
    // HTTP dates have one-second precision.
    return !Number.isNaN(since) && Math.floor(Date.parse(lastModified) / 1000) <= Math.floor(since / 1000);
  }
  return false;
}
