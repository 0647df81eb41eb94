/**
 * The correlation id of the work under way, carried from the request that
 * published a version through the stream, the topic and the queues to every
 * delivery: each step runs its work inside the id it was handed, and log
 * lines and what the work starts (a version item, an announcement) carry it.
 */
export interface CorrelationScope {
  /** The id of the work under way; undefined outside any. */
  current(): string | undefined;
  /** Runs `work` with `id` as the correlation id of everything it does, awaited work included; `undefined` runs it with none. */
  run<T>(id: string | undefined, work: () => T): T;
}
