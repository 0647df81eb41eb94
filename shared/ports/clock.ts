/** Time and identifiers, injected so services are deterministic in tests. */
export interface Clock {
  /** Now, as an ISO 8601 instant in UTC with milliseconds. */
  now(): string;
}

export interface Ids {
  /** A new ULID: sortable by creation time. */
  next(): string;
}
