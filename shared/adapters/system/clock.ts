import { monotonicFactory } from 'ulid';
import type { Clock, Ids } from '../../ports/clock';

export const systemClock: Clock = { now: () => new Date().toISOString() };

/** ULIDs that stay sorted even when many are made in one millisecond. */
export function ulidIds(): Ids {
  const next = monotonicFactory();
  return { next: () => next() };
}
