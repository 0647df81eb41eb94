import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, ConflictError, PreconditionFailedError, RateLimitedError, ValidationError } from '../../../shared/errors';
import type { Logger } from '../../../shared/ports/logger';

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

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** AWS errors that mean "busy, try again shortly" once the SDK's own retries are spent. */
const TRANSIENT_AWS_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `/problems/${code}`, title: TITLES[status] ?? 'Error', status, detail, ...extra };
}

export function sendProblem(c: Context, body: Problem): Response {
  const res = c.json({ ...body, instance: new URL(c.req.url).pathname }, body.status as ContentfulStatusCode);
  res.headers.set('content-type', 'application/problem+json');
  res.headers.set('cache-control', 'no-store');
  return res;
}

/** The one place errors become HTTP responses; causes and stacks stay in the logs. */
export function errorToResponse(error: unknown, c: Context, logger: Logger): Response {
  if (error instanceof AppError) {
    const extra: Record<string, unknown> = {};
    if (error instanceof ValidationError) extra.errors = error.issues;
    if (error instanceof ConflictError) extra.current = error.current;
    const res = sendProblem(c, problem(error.status, error.code, error.message, extra));
    if (error instanceof RateLimitedError) res.headers.set('retry-after', String(error.retryAfterSeconds));
    if (error instanceof PreconditionFailedError && error.currentEtag) res.headers.set('etag', error.currentEtag);
    return res;
  }
  // Hono's own HTTP errors (e.g. from the body limit) carry a status.
  if (error instanceof Error && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    return sendProblem(c, problem(error.status, 'http-error', error.message || TITLES[error.status] || 'Request error'));
  }
  if (error instanceof Error && TRANSIENT_AWS_ERRORS.has(error.name)) {
    logger.warn('transient backend error', { method: c.req.method, route: c.req.routePath, error: error.name });
    const res = sendProblem(c, problem(503, 'temporarily-unavailable', 'The service is busy. Retry the request shortly.'));
    res.headers.set('retry-after', '1');
    return res;
  }
  logger.error('unhandled error', { method: c.req.method, route: c.req.routePath, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  return sendProblem(c, problem(500, 'internal', 'Something went wrong on our side. The request may be retried.'));
}
