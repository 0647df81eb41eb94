/**
 * Application errors with stable codes. Services throw these; the one HTTP
 * mapping lives in `functions/http/error-table.ts`. `cause` is kept for
 * logs and never reaches a client.
 */
export class AppError extends Error {
  /** Stable, machine-readable code; also the last segment of the problem `type`. */
  readonly code: string;
  /** HTTP status this error maps to. */
  readonly status: number;

  constructor(code: string, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
  }
}

/** One failing field: `path` is the dotted location in the input (`countries.0`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends AppError {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[], message = 'The request has invalid fields.') {
    super('validation-failed', 422, message);
    this.issues = issues;
  }
}

export class MalformedRequestError extends AppError {
  constructor(message: string) {
    super('malformed-request', 400, message);
  }
}

export class BadCursorError extends AppError {
  constructor() {
    super('bad-cursor', 400, 'The pagination cursor is not valid. Start again without a cursor.');
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'This request needs a valid API key: Authorization: Bearer <key>.') {
    super('unauthenticated', 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this action.') {
    super('forbidden', 403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not-found', 404, `${what} was not found.`);
  }
}

/** A state or uniqueness conflict; `current` says what it conflicted with. */
export class ConflictError extends AppError {
  readonly current: Record<string, unknown>;
  constructor(code: string, message: string, current: Record<string, unknown> = {}) {
    super(code, 409, message);
    this.current = current;
  }
}

export class PreconditionFailedError extends AppError {
  readonly currentEtag: string | undefined;
  constructor(currentEtag?: string) {
    super('precondition-failed', 412, 'The resource has changed since you read it. Read it again and reapply your change.');
    this.currentEtag = currentEtag;
  }
}

export class PreconditionRequiredError extends AppError {
  constructor() {
    super('precondition-required', 428, 'This update needs an If-Match header with the ETag you last read.');
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('payload-too-large', 413, `The request body is larger than ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super('unsupported-media-type', 415, 'Send the request body as application/json.');
  }
}

export class IdempotencyConflictError extends AppError {
  constructor(message: string) {
    super('idempotency-conflict', 409, message);
  }
}

export class IdempotencyMismatchError extends AppError {
  constructor() {
    super('idempotency-key-reused', 422, 'This Idempotency-Key was already used with a different request.');
  }
}

export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('rate-limited', 429, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A store write lost a race that is not an optimistic-concurrency mismatch. */
export class StoreConflictError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store-conflict', 409, message, options);
  }
}

/** A search snapshot was replaced and removed while it was being read: read the head again. */
export class SnapshotGoneError extends AppError {
  constructor() {
    super('search-index-replaced', 503, 'The search index is being replaced. Retry the request shortly.');
  }
}

/** A link token that is malformed, tampered with or meant for something else. */
export class InvalidLinkError extends AppError {
  constructor() {
    super('invalid-link', 400, 'This link is not valid. Use the most recent link you were sent.');
  }
}

/** A genuine link token whose time has passed. */
export class ExpiredLinkError extends AppError {
  constructor() {
    super('link-expired', 410, 'This link has expired. Ask for a new one.');
  }
}

/** Why a provider refused a recipient for good: safe to record and log, never the address itself. */
export type RecipientRejection = 'opted-out' | 'invalid-address' | 'suppressed' | 'rejected';

/**
 * Thrown by sender adapters when the provider refuses this recipient for
 * good (opted out, suppressed, invalid address): a delivery fails without
 * retry, and a confirmation message asked for over HTTP is a 422 rather
 * than a 500.
 */
export class RecipientRejectedError extends AppError {
  readonly reason: RecipientRejection;
  constructor(reason: RecipientRejection, message: string, options?: { cause?: unknown }) {
    super('recipient-rejected', 422, message, options);
    this.reason = reason;
  }
}

/**
 * A fan-out worker found its lease on a chunk gone: it was too slow and
 * another worker took the chunk over. The message comes back and finds the
 * chunk in the other worker's hands (or done); never shown to a client.
 */
export class LeaseLostError extends AppError {
  constructor() {
    super('lease-lost', 409, 'The fan-out chunk lease was taken over by another worker.');
  }
}
