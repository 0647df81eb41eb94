/** A response saved under an Idempotency-Key so a retry gets the same answer. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'in-progress' }
  | { state: 'mismatch' }
  | { state: 'completed'; response: StoredResponse };

export interface IdempotencyStore {
  /** Claims `key` for a request with `fingerprint`, or reports what an earlier request with the key left. */
  claim(key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyClaim>;
  complete(key: string, response: StoredResponse, ttlSeconds: number): Promise<void>;
  /** Gives the key up after a failure, so the client may retry. */
  release(key: string): Promise<void>;
}
