import * as z from 'zod';
import { localClock, type DigestFrequency } from './delivery-timing';
import { MATCH_INDEX_SHARDS } from './fan-out';

/**
 * Digests: a daily one at 08:00 in each subscriber's time zone, a weekly one
 * on Monday at 08:00, each listing what matched since the subscriber's last
 * digest. A run every quarter-hour (the `send-digests` schedule) takes the
 * zones whose local time has just reached 08:00; deriving that from the
 * zone on every run, rather than storing a UTC slot per subscriber, keeps
 * it right across clock changes without refiling anyone.
 */

/** Local time digests go out, in minutes after midnight. */
const DIGEST_LOCAL_MINUTES = 8 * 60;
/** Minutes between digest runs: a zone is due in the run whose quarter-hour holds its local 08:00. */
const DIGEST_RUN_MINUTES = 15;
/** However long ago a subscriber's last digest was, a digest lists at most this many days (a subscription paused for months gets a month, not a backlog). */
const MAX_DIGEST_DAYS = 35;
const DAY_MS = 86_400_000;

/** The start of the quarter-hour holding `at`: a run's slot, and the cut-off of what its digests list. */
export function digestSlot(at: string): string {
  const period = DIGEST_RUN_MINUTES * 60_000;
  return new Date(Math.floor(Date.parse(at) / period) * period).toISOString();
}

/** Whether subscribers of `frequency` in `timeZone` are due in the run of `slot`. */
export function isDigestDue(frequency: DigestFrequency, timeZone: string, slot: string): boolean {
  const local = localClock(slot, timeZone);
  if (local.minutes < DIGEST_LOCAL_MINUTES || local.minutes >= DIGEST_LOCAL_MINUTES + DIGEST_RUN_MINUTES) return false;
  return frequency === 'daily' || local.weekday === 1;
}

/** The period a due run sends for, in the subscriber's zone: its local date (for weekly digests, a Monday). */
export function digestPeriod(timeZone: string, slot: string): string {
  return localClock(slot, timeZone).date;
}

/** Where a window ending at `cutoff` may start at the earliest: MAX_DIGEST_DAYS back (a zone's first run, or one after a long outage). */
export function digestFloor(cutoff: string): string {
  return new Date(Date.parse(cutoff) - MAX_DIGEST_DAYS * DAY_MS).toISOString();
}

/**
 * A subscriber's place in a zone's digests: `since`, the earliest publish
 * time their first digest there lists (when they subscribed, or their own
 * last cut-off in the zone they switched from), and `zoneCutoff`, the
 * zone's last cut-off when they were filed into it (absent: the zone had
 * not run yet, or they were filed before this was recorded).
 */
export interface DigestPlacement {
  since: string;
  zoneCutoff?: string;
}

const latest = (...instants: string[]): string => instants.reduce((a, b) => (a > b ? a : b));

/**
 * Where a subscriber's digest window in a run starts (the run lists up to
 * its cut-off). Their first run in the zone (the one that starts from the
 * cut-off the zone had when they were filed) lists from their own `since`,
 * even when that is earlier than the run's window (a switch from a zone
 * whose morning came earlier); later runs list from the run's window. A run
 * already under way when they were filed (its cut-off at or before
 * `zoneCutoff`) lists nothing for them: the next one does. Never more than
 * MAX_DIGEST_DAYS back.
 */
export function digestWindowStart(run: { from: string; cutoff: string }, placement: DigestPlacement): string {
  const { since, zoneCutoff } = placement;
  if (zoneCutoff !== undefined && run.cutoff <= zoneCutoff) return run.cutoff;
  const first = zoneCutoff !== undefined && run.from <= zoneCutoff;
  return latest(first ? since : latest(run.from, since), digestFloor(run.cutoff));
}

/**
 * What a subscriber's digests in a zone have listed up to, given that
 * zone's last cut-off: where their digests in a new zone start. Up to the
 * zone's last cut-off, unless no run of the zone has reached them yet
 * (they joined after its last run, or it was under way when they joined):
 * then their own `since` still stands.
 */
export function listedUpTo(placement: DigestPlacement, zoneLastCutoff: string | undefined): string {
  if (zoneLastCutoff === undefined) return placement.since;
  if (placement.zoneCutoff !== undefined && zoneLastCutoff <= placement.zoneCutoff) return placement.since;
  return latest(placement.since, zoneLastCutoff);
}

/** One (frequency, time zone, shard) of the digest index: what one digest part message covers. */
export const DigestPartSchema = z
  .object({
    frequency: z.enum(['daily', 'weekly']),
    timeZone: z.string().min(1).max(64),
    shard: z.number().int().min(0).max(MATCH_INDEX_SHARDS - 1),
  })
  .strict();
export type DigestPart = z.infer<typeof DigestPartSchema>;

/** The run a digest part belongs to: its local period and the window of publish times it lists, `from` included, `cutoff` not. */
export const DigestRunSchema = z
  .object({
    period: z.iso.date(),
    from: z.iso.datetime({ offset: true }),
    cutoff: z.iso.datetime({ offset: true }),
  })
  .strict();
export type DigestRun = z.infer<typeof DigestRunSchema>;

/**
 * The id under which a digest run's chunks and progress are kept, in place
 * of a publication id: one per frequency, time zone and local period, so a
 * subscriber's digest for one day is made at most once however often the
 * run is repeated.
 */
export function digestRunId(frequency: DigestFrequency, timeZone: string, period: string): string {
  return `DIGEST-${frequency}-${period}-${timeZone}`;
}

/** The version number digest chunks and progress are kept under (a digest has no versions). */
export const DIGEST_VERSION = 1;


/** The chunk scope of a digest part: its time zone. */
export function digestScope(timeZone: string): string {
  return `tz:${timeZone}`;
}
