import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../../shared/ports/logger';
import { describeError, errorLogText, STATUS_TITLES } from './error-table';

/** RFC 9457 problem details, as every Outpost error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `/problems/${code}`, title: STATUS_TITLES[status] ?? 'Error', status, detail, ...extra };
}

export function sendProblem(c: Context, body: Problem): Response {
  const res = c.json({ ...body, instance: new URL(c.req.url).pathname }, body.status as ContentfulStatusCode);
  res.headers.set('content-type', 'application/problem+json');
  res.headers.set('cache-control', 'no-store');
  return res;
}

/** The one place errors become problem+json; the mapping itself is `describeError`, shared with the HTML pages. */
export function errorToResponse(error: unknown, c: Context, logger: Logger): Response {
  const described = describeError(error);
  if (described.log === 'warn') logger.warn('transient backend error', { method: c.req.method, route: c.req.routePath, error: error instanceof Error ? error.name : 'non-error' });
  if (described.log === 'error') logger.error('unhandled error', { method: c.req.method, route: c.req.routePath, error: errorLogText(error) });
  const res = sendProblem(c, problem(described.status, described.code, described.detail, described.extra));
  for (const [name, value] of Object.entries(described.headers)) res.headers.set(name, value);
  return res;
}
