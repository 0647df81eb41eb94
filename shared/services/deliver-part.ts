import type { Announcement } from '../domain/announcement';
import { isCanonicalScope, isTravelerPart, type FanOutPart } from '../domain/fan-out';
import type { Version } from '../domain/publication';
import type { Subscription } from '../domain/subscription';
import type { ChunkKey, ChunkRecord, DeliveryTotals } from '../ports/delivery-store';
import { emptyReport, partMessage, type ChannelSend, type DeliveryConfig, type DeliveryDeps, type WorkReport } from './delivery-work';
import { matchScopes, wantsVersion } from './match-scopes';
import { matchTravelerPage, type SettingsCache } from './match-travelers';
import { PART_START } from './plan-fan-out';
import { retryTargets, runChunkRound } from './run-chunk-round';

const NOTHING_COUNTED: DeliveryTotals = { sent: 0, failed: 0, deadLettered: 0 };

/** The facts about this receive that decide how a chunk is handled. */
export interface PartReceive {
  announcement: Announcement;
  part: FanOutPart;
  start: string;
  receiveCount: number;
  /** Epoch milliseconds after which no new chunk is started. */
  deadline: number;
  /** Organizations' duty-of-care settings read so far in this invocation (traveler parts). */
  settings?: SettingsCache;
}

/**
 * Delivers one part of a fan-out from the chunk starting after `start`,
 * chunk after chunk while the invocation has time, then queues the rest
 * as a new part message. Each chunk is made once (a conditional write:
 * the first worker to read a page of the index fixes who it holds), sent
 * by whoever holds its lease, and skipped once done, so a redelivered,
 * duplicated or crashed receive sends nobody twice. A chunk another worker
 * holds, or one with recipients waiting for a retry, brings the message
 * back (`retry`) after the rest of the part has been queued.
 */
export async function deliverPart(deps: DeliveryDeps, config: DeliveryConfig, send: ChannelSend, version: Version, receive: PartReceive): Promise<WorkReport> {
  const { announcement: a, part } = receive;
  const report = emptyReport();
  report.parts = 1;
  const versionScopes = matchScopes(a);
  const finalReceive = receive.receiveCount >= config.maxReceiveCount;
  let start = receive.start;
  for (;;) {
    const key: ChunkKey = { publicationId: a.publicationId, version: a.version, channel: config.channel, ...part, start };
    const now = deps.clock.now();
    const token = deps.ids.next();
    const leaseUntil = new Date(Date.parse(now) + config.leaseSeconds * 1000).toISOString();
    let chunk = await deps.deliveries.getChunk(key);
    let held: ChunkRecord | undefined;
    let loaded: Subscription[] | undefined;
    let tookOver = false;

    if (!chunk) {
      const after = start === PART_START ? undefined : start;
      let page: { items: Subscription[]; last: string | null };
      let matched: Subscription[];
      if (isTravelerPart(part)) {
        // Travelers are decided by their trips, their organization's settings and sharing (match-travelers.ts).
        page = await matchTravelerPage(deps, receive.settings ?? new Map(), config.channel, version, part, config.chunkSize, after);
        matched = page.items;
      } else {
        page = await deps.subscriptions.matchPage(config.channel, part, config.chunkSize, after);
        matched = page.items.filter((s) => wantsVersion(s, config.channel, version) && isCanonicalScope(s, versionScopes, part.scope));
      }
      const ids = matched.map((s) => s.id);
      const fresh: ChunkRecord = {
        ...key,
        state: ids.length > 0 ? 'sending' : 'done',
        recipients: ids,
        next: page.last,
        leaseToken: ids.length > 0 ? token : null,
        leaseUntil: ids.length > 0 ? leaseUntil : null,
        roundTargets: ids,
        batchesDone: 0,
        inFlight: null,
        outcomes: {},
        rounds: 1,
        sentCount: 0,
        continued: false,
        counted: NOTHING_COUNTED,
      };
      const created = await deps.deliveries.createChunk(fresh, now);
      chunk = created.chunk;
      if (created.created) {
        report.matched += ids.length;
        if (ids.length > 0) [held, loaded] = [chunk, matched];
      }
    }

    if (!held && chunk.state === 'retry') {
      held = await deps.deliveries.leaseChunk(key, null, token, leaseUntil, { targets: retryTargets(chunk) });
      if (!held) return { ...report, retry: true };
    } else if (!held && chunk.state === 'sending') {
      // Held by another worker, unless it gave the lease up (its time ran out) or its lease has run out (it stopped): then this one carries on the round.
      const released = chunk.leaseToken === null;
      if (!released && chunk.leaseUntil !== null && chunk.leaseUntil > now) return { ...report, retry: true };
      held = await deps.deliveries.leaseChunk(key, chunk.leaseToken, token, leaseUntil);
      if (!held) return { ...report, retry: true };
      tookOver = !released;
    }

    let waiting = false;
    if (held) {
      const round = await runChunkRound(deps, config, send, version, { chunk: held, token, part, loaded, tookOver, finalReceive, deadline: receive.deadline });
      if (round.state === 'paused') {
        // Out of time mid-chunk: a new message carries on where this one stopped.
        await deps.requeue.requeue(config.channel, [partMessage(a, part, start)]);
        return { ...report, sent: report.sent + round.sent, failed: report.failed + round.failed, retrying: report.retrying + round.retrying, continued: true };
      }
      report.sent += round.sent;
      report.failed += round.failed;
      report.retrying += round.retrying;
      report.deadLettered += round.deadLettered;
      waiting = round.state === 'retry';
      chunk = held;
    }
    report.chunks += 1;

    if (chunk.next === null || chunk.continued) return { ...report, retry: report.retry || waiting };
    if (waiting || Date.now() >= receive.deadline) {
      // Hand the rest of the part to a new message, so it does not wait for this chunk's retry or this invocation's time.
      await deps.requeue.requeue(config.channel, [partMessage(a, part, chunk.next)]);
      await deps.deliveries.markContinued(key);
      return { ...report, continued: true, retry: report.retry || waiting };
    }
    start = chunk.next;
  }
}
