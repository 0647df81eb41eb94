/**
 * Fixed-window counters: at most `limit` hits per `windowSeconds` for one
 * (bucket, subject). Subjects may be personal data (an address): adapters
 * key counters by a hash of it and never log it.
 */
export interface RateLimiter {
  /**
   * Counts `units` hits (default 1, at most `limit`) if the window still has
   * room for all of them; otherwise counts nothing and says when the window ends.
   */
  hit(bucket: string, subject: string, limit: number, windowSeconds: number, now: string, units?: number): Promise<RateDecision>;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };
