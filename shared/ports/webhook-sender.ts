/**
 * One HTTP POST to a subscriber's endpoint. The adapter enforces the SSRF
 * guard (refusing private, loopback, link-local and metadata addresses at
 * send time, pinned to the address it checked) and never follows redirects;
 * retry policy belongs to the caller.
 */
export interface WebhookRequest {
  url: string;
  /** The raw JSON body, exactly as signed. */
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export type WebhookResult =
  /** The endpoint answered (any status, including 3xx, which is never followed). */
  | { kind: 'response'; status: number; retryAfter?: string }
  /** DNS failure, refused or reset connection, timeout. */
  | { kind: 'network-error'; reason: string }
  /** The SSRF guard refused the destination; retrying will not help. */
  | { kind: 'refused'; reason: string };

export interface WebhookSender {
  post(request: WebhookRequest): Promise<WebhookResult>;
}
