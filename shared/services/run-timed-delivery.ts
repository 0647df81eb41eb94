import * as z from 'zod';
import { CHANNEL_NAMES, CHANNELS } from '../domain/channel';
import { DIGEST_VERSION, digestFloor, digestPeriod, digestRunId, digestSlot, isDigestDue, type DigestPart } from '../domain/digest';
import { MATCH_INDEX_SHARDS } from '../domain/fan-out';
import type { Clock } from '../ports/clock';
import type { DeliveryStore } from '../ports/delivery-store';
import type { DigestStore } from '../ports/digest-store';
import type { HeldMessageStore } from '../ports/held-message-store';
import type { Requeue } from '../ports/requeue';
import { digestPartMessage } from './deliver-digest-part';
import { PART_START } from './plan-fan-out';
import { runPool } from './run-pool';

/** What the digest and release schedules need: the digest index, held messages, the fan-out's records and the channel queues. */
export interface TimedDeliveryDeps {
  digests: DigestStore;
  held: HeldMessageStore;
  deliveries: Pick<DeliveryStore, 'recordPlan'>;
  requeue: Requeue;
  clock: Clock;
}

const SHARDS = Array.from({ length: MATCH_INDEX_SHARDS }, (_, shard) => shard);

/** A release message: send the due held messages of one shard of the channel's queue, as of `at`. */
export const ReleaseMessageSchema = z
  .object({ type: z.literal('outpost.release-held'), shard: z.number().int().min(0).max(MATCH_INDEX_SHARDS - 1), at: z.iso.datetime({ offset: true }) })
  .strict();
export type ReleaseMessage = z.infer<typeof ReleaseMessageSchema>;

function releaseMessage(shard: number, at: string): string {
  const body: ReleaseMessage = { type: 'outpost.release-held', shard, at };
  return JSON.stringify(body);
}

/** What a digest run queued: the zones due and their parts. */
export interface DigestRunResult {
  slot: string;
  zones: { frequency: DigestPart['frequency']; timeZone: string; period: string; parts: number }[];
}

/**
 * The `send-digests` schedule (every quarter-hour): finds the zones whose
 * local 08:00 falls in this run's quarter-hour (Mondays only for weekly
 * digests) and plans each as a fan-out on the email queue: one part
 * message per digest-index shard that holds anyone, for the window from the
 * zone's last cut-off to this one. Repeating a run (a retry, the dev route)
 * is harmless: it gets the same window, and the chunks of a zone's run are
 * made once.
 */
export async function runDigestSchedule(deps: TimedDeliveryDeps, at: string = deps.clock.now()): Promise<DigestRunResult> {
  const slot = digestSlot(at);
  const due = (await deps.digests.zones()).filter((z) => isDigestDue(z.frequency, z.timeZone, slot));
  const result: DigestRunResult = { slot, zones: [] };
  for (const zone of due) {
    const started = await deps.digests.startRun(zone, slot, digestFloor(slot));
    // The zone already ran for a later cut-off (a run "as if at" a later instant, locally).
    if (!started) continue;
    const run = { period: digestPeriod(zone.timeZone, slot), from: started.from, cutoff: slot };
    const occupied: DigestPart[] = [];
    await runPool(SHARDS, 16, async (shard) => {
      const part = { ...zone, shard };
      if ((await deps.digests.page(part, 1)).items.length > 0) occupied.push(part);
    });
    occupied.sort((a, b) => a.shard - b.shard);
    const publicationId = digestRunId(zone.frequency, zone.timeZone, run.period);
    await deps.deliveries.recordPlan({ publicationId, version: DIGEST_VERSION, channel: 'email', partsPlanned: occupied.length, publishedAt: slot }, deps.clock.now());
    await deps.requeue.requeue(
      'email',
      occupied.map((part) => digestPartMessage(part, run, PART_START)),
    );
    result.zones.push({ ...zone, period: run.period, parts: occupied.length });
  }
  return result;
}

/**
 * The `release-held` schedule (every minute): for each channel with quiet
 * hours, queues a release message for every shard holding a message whose
 * quiet hours have ended by `at`; the channel's workers send them.
 */
export async function runReleaseSchedule(deps: TimedDeliveryDeps, at: string = deps.clock.now()): Promise<{ shards: number }> {
  let shards = 0;
  for (const channel of CHANNEL_NAMES.filter((c) => CHANNELS[c].timing.quietHours)) {
    const due: number[] = [];
    await runPool(SHARDS, 16, async (shard) => {
      if ((await deps.held.due(channel, shard, at, 1)).length > 0) due.push(shard);
    });
    shards += due.length;
    await deps.requeue.requeue(
      channel,
      due.sort((a, b) => a - b).map((shard) => releaseMessage(shard, at)),
    );
  }
  return { shards };
}
