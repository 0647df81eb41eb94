import { AppError, ConflictError, PreconditionFailedError, RateLimitedError, ValidationError } from '../../shared/errors';

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

/** Standard reason phrases, the `title` of a problem. */
export const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * What any thrown value means over HTTP, decided once for the JSON API and
 * the HTML pages alike: status, stable code, a message safe to show, the
 * extra problem members, the headers the status needs (Retry-After, ETag),
 * and how loudly to log it.
 */
export interface HttpErrorDescription {
  status: number;
  code: string;
  /** Safe for a client: from AppError or Hono's HTTP errors only, never a cause or stack. */
  detail: string;
  /** Whether `detail` came from the error itself (false: a generic text for an unexpected error). */
  known: boolean;
  extra: Record<string, unknown>;
  headers: Record<string, string>;
  log: 'none' | 'warn' | 'error';
}

/** Maps an error to its HTTP meaning; see HttpErrorDescription. */
export function describeError(error: unknown): HttpErrorDescription {
  if (error instanceof AppError) {
    const extra: Record<string, unknown> = {};
    const headers: Record<string, string> = {};
    if (error instanceof ValidationError) extra.errors = error.issues;
    if (error instanceof ConflictError) extra.current = error.current;
    if (error instanceof RateLimitedError) headers['retry-after'] = String(error.retryAfterSeconds);
    if (error instanceof PreconditionFailedError && error.currentEtag) headers.etag = error.currentEtag;
    return { status: error.status, code: error.code, detail: error.message, known: true, extra, headers, log: 'none' };
  }
  // Hono's own HTTP errors (the body limit, the CSRF origin check) carry a 4xx status.
  if (error instanceof Error && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    return { status: error.status, code: 'http-error', detail: error.message || STATUS_TITLES[error.status] || 'Request error', known: Boolean(error.message), extra: {}, headers: {}, log: 'none' };
  }
  if (error instanceof Error && TRANSIENT_AWS_ERRORS.has(error.name)) {
    return { status: 503, code: 'temporarily-unavailable', detail: 'The service is busy. Retry the request shortly.', known: true, extra: {}, headers: { 'retry-after': '1' }, log: 'warn' };
  }
  return { status: 500, code: 'internal', detail: 'Something went wrong on our side. The request may be retried.', known: false, extra: {}, headers: {}, log: 'error' };
}

/** The log fields of an error: its name and message, never its cause. */
export function errorLogText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
