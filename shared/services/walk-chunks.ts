import type { Subscription } from '../domain/subscription';
import type { ChunkKey, ChunkRecord, DeliveryTotals } from '../ports/delivery-store';
import { emptyReport, type DeliveryConfig, type DeliveryDeps, type Recipient, type SendResult, type WorkReport } from './delivery-work';
import { retryTargets, runChunkRound } from './run-chunk-round';

const NOTHING_COUNTED: DeliveryTotals = { sent: 0, failed: 0, deadLettered: 0, held: 0 };

/** The lease a worker takes on a chunk it makes or takes over. */
export interface ChunkLease {
  token: string;
  leaseUntil: string;
}

/**
 * What one kind of part is made of: an alert's fan-out part (a match-index
 * scope and shard, for one version) or a digest part (a digest-index zone
 * and shard, for one run). The walk below is the same for both: chunks
 * made once, sent under a lease, retried and continued alike.
 */
export interface ChunkSource {
  /** The chunk that starts after index key `start`. */
  keyAt(start: string): ChunkKey;
  /**
   * Reads the index page after the key's start and makes its chunk (once:
   * see `DeliveryStore.createChunk`). `loaded`: the chunk's subscriptions,
   * when this call made it with recipients.
   */
  create(key: ChunkKey, lease: ChunkLease, now: string): Promise<{ created: boolean; chunk: ChunkRecord; loaded?: readonly Subscription[] }>;
  /** A chunk's subscriptions read again, for a worker that did not make it. */
  load(chunk: ChunkRecord): Promise<readonly Subscription[]>;
  /** Sends one batch of a chunk's recipients. */
  send(recipients: readonly Recipient[], chunk: ChunkRecord, deadline: number): Promise<Map<string, SendResult>>;
  /** The message body that carries the part on from `start`. */
  continueFrom(start: string): string;
  /** The part's recipients are travelers, not subscriptions (see `RoundInput.travelers`). */
  travelers?: boolean;
}

/** A new chunk of `ids` (in index order), held by the lease when it has anyone to send to. */
export function newChunk(key: ChunkKey, ids: string[], next: string | null, lease: ChunkLease): ChunkRecord {
  const sending = ids.length > 0;
  return {
    ...key,
    state: sending ? 'sending' : 'done',
    recipients: ids,
    next,
    leaseToken: sending ? lease.token : null,
    leaseUntil: sending ? lease.leaseUntil : null,
    roundTargets: ids,
    batchesDone: 0,
    inFlight: null,
    outcomes: {},
    rounds: 1,
    sentCount: 0,
    continued: false,
    counted: NOTHING_COUNTED,
  };
}

/** The facts about this receive that decide how a chunk is handled. */
export interface WalkReceive {
  start: string;
  receiveCount: number;
  /** Epoch milliseconds after which no new chunk is started. */
  deadline: number;
}

/**
 * Delivers one part from the chunk starting after `start`, chunk after
 * chunk while the invocation has time, then queues the rest as a new
 * message. Each chunk is made once (a conditional write: the first worker
 * to read a page of the index fixes who it holds), sent by whoever holds
 * its lease, and skipped once done, so a redelivered, duplicated or crashed
 * receive sends nobody twice. A chunk another worker holds, or one with
 * recipients waiting for a retry, brings the message back (`retry`) after
 * the rest of the part has been queued.
 */
export async function walkChunks(deps: DeliveryDeps, config: DeliveryConfig, source: ChunkSource, receive: WalkReceive): Promise<WorkReport> {
  const report = emptyReport();
  report.parts = 1;
  const finalReceive = receive.receiveCount >= config.maxReceiveCount;
  let start = receive.start;
  for (;;) {
    const key = source.keyAt(start);
    const now = deps.clock.now();
    const lease = { token: deps.ids.next(), leaseUntil: new Date(Date.parse(now) + config.leaseSeconds * 1000).toISOString() };
    // A first receive almost never finds its chunk made (a duplicate message, a repeated plan or a paused chunk's continuation does), and making it refuses then and answers the chunk as it stands: only a message that came back reads first.
    let chunk = receive.receiveCount > 1 ? await deps.deliveries.getChunk(key) : undefined;
    let held: ChunkRecord | undefined;
    let loaded: readonly Subscription[] | undefined;
    let tookOver = false;

    if (!chunk) {
      const made = await source.create(key, lease, now);
      chunk = made.chunk;
      if (made.created) {
        report.matched += chunk.recipients.length;
        if (chunk.recipients.length > 0) [held, loaded] = [chunk, made.loaded];
      }
    }

    if (!held && chunk.state === 'retry') {
      held = await deps.deliveries.leaseChunk(key, null, lease.token, lease.leaseUntil, { targets: retryTargets(chunk) });
      if (!held) return { ...report, retry: true };
    } else if (!held && chunk.state === 'sending') {
      // Held by another worker, unless it gave the lease up (its time ran out) or its lease has run out (it stopped): then this one carries on the round.
      const released = chunk.leaseToken === null;
      if (!released && chunk.leaseUntil !== null && chunk.leaseUntil > now) return { ...report, retry: true };
      held = await deps.deliveries.leaseChunk(key, chunk.leaseToken, lease.token, lease.leaseUntil);
      if (!held) return { ...report, retry: true };
      tookOver = !released;
    }

    let waiting = false;
    if (held) {
      const holding = held;
      const round = await runChunkRound(deps, config, (recipients, deadline) => source.send(recipients, holding, deadline), {
        chunk: holding,
        token: lease.token,
        load: () => (loaded ? Promise.resolve(loaded) : source.load(holding)),
        travelers: source.travelers === true,
        tookOver,
        finalReceive,
        deadline: receive.deadline,
      });
      report.sent += round.sent;
      report.failed += round.failed;
      report.retrying += round.retrying;
      report.held += round.held;
      if (round.state === 'paused') {
        // Out of time mid-chunk: a new message carries on where this one stopped.
        await deps.requeue.requeue(config.channel, [source.continueFrom(start)]);
        return { ...report, continued: true };
      }
      report.deadLettered += round.deadLettered;
      waiting = round.state === 'retry';
      chunk = holding;
    }
    report.chunks += 1;

    if (chunk.next === null || chunk.continued) return { ...report, retry: report.retry || waiting };
    if (waiting || Date.now() >= receive.deadline) {
      // Hand the rest of the part to a new message, so it does not wait for this chunk's retry or this invocation's time.
      await deps.requeue.requeue(config.channel, [source.continueFrom(chunk.next)]);
      await deps.deliveries.markContinued(key);
      return { ...report, continued: true, retry: report.retry || waiting };
    }
    start = chunk.next;
  }
}
