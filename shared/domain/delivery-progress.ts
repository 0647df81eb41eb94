/** Counts of one fan-out on one channel, as the progress item keeps them. */
export interface FanOutCounts {
  partsPlanned: number;
  partsDone: number;
  matched: number;
  sent: number;
  failed: number;
  deadLettered: number;
  /** Held for quiet hours: settled as far as the fan-out goes (absent on progress kept before quiet hours existed). */
  held?: number | undefined;
  plannedAt?: string | undefined;
  lastSettledAt?: string | undefined;
}

/**
 * Where a fan-out stands:
 * - `planning`: announced, not yet planned (no counts yet);
 * - `sending`: parts still being read, or recipients not yet settled;
 * - `done`: every part read and every matched recipient sent, failed, dead-lettered or held for quiet hours.
 */
export type FanOutState = 'planning' | 'sending' | 'done';

export interface FanOutProgress {
  state: FanOutState;
  /** Sent, failed, dead-lettered or held so far. */
  settled: number;
  /** Matched and not yet settled. */
  pending: number;
  /** From the version's publication to its last settled delivery, once done with anyone matched. */
  durationMs?: number;
}

/** Derives state, pending count and duration from a fan-out's counts (absent: not planned yet). */
export function fanOutProgress(counts: FanOutCounts | undefined, publishedAt: string | undefined): FanOutProgress {
  if (!counts) return { state: 'planning', settled: 0, pending: 0 };
  const settled = counts.sent + counts.failed + counts.deadLettered + (counts.held ?? 0);
  const pending = Math.max(0, counts.matched - settled);
  const done = counts.partsDone >= counts.partsPlanned && pending === 0;
  const durationMs = done && counts.matched > 0 && counts.lastSettledAt && publishedAt ? Math.max(0, Date.parse(counts.lastSettledAt) - Date.parse(publishedAt)) : undefined;
  return { state: done ? 'done' : 'sending', settled, pending, ...(durationMs !== undefined ? { durationMs } : {}) };
}
