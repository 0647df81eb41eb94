/**
 * Fixed-window counters: at most `limit` hits per `windowSeconds` for one
 * (bucket, subject). Subjects may be personal data (an address): adapters
 * key counters by a hash of it and never log it.
 */
export interface RateLimiter {
  /** Counts one hit if the window still has room; otherwise counts nothing and says when the window ends. */
  hit(bucket: string, subject: string, limit: number, windowSeconds: number, now: string): Promise<RateDecision>;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };
