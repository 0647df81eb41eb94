/**
 * Structured logging. Callers pass facts, never personal data: no email
 * addresses, phone numbers, request bodies or query strings.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
