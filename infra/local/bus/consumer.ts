/**
 * The consumer side of the local bus, as the SQS event source mapping does
 * it: up to the consumer's `maxConcurrency` batches of a queue in flight at
 * once (1 when the topology gives none), each of distinct messages, with the
 * handler's partial batch response applied by Lambda's rules.
 *
 * - Dispatch is event-driven, as a long-polling mapping behaves: a batch
 *   starts as soon as a message is sent (or redriven) and a slot is free, a
 *   settled batch frees its slot for the next one at once, and a timer waits
 *   for the next instant something changes without a send (a message's
 *   visibility timeout ends, or a held partial batch's batching window). No
 *   fixed polling interval.
 * - Partial batch responses: listed messages are retried, the rest deleted.
 *   A thrown error, or a response naming a message not in the batch, fails
 *   the whole batch (Lambda treats a malformed response as a total failure).
 * - Not modelled: handler timeouts, scaling up to the maximum gradually.
 */
import type { QueueSpec } from '../../../shared/topology';
import type { SqsBatchResponse, SqsHandler } from '../../../shared/ports/sqs-event';
import { describeError } from '../describe-error';
import type { Receipt, SqsQueue } from './queue';

/** Something operators would see as a metric or alarm in AWS. */
export type BusEvent =
  | { type: 'batch-failed'; queue: string; messageIds: string[]; reason: string }
  | { type: 'dead-lettered'; queue: string; messageId: string; reason: string };

/** Timer functions, injectable so `start()` can be driven by hand in tests. */
export interface BusTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options for one round of `pump()`. */
export interface PumpOptions {
  /**
   * Hold a partial batch until the queue's maximum batching window has
   * passed since its oldest message became visible, as the event source
   * mapping does. Off by default so tests need not move the clock.
   */
  respectBatchingWindow?: boolean;
}

/** What a consumer needs from the bus: the retry backoff (if any), where to report, the bus's clock and timers. */
export interface ConsumerOptions {
  /** Seconds a failed message stays invisible, given how many times it has been received. */
  backoff?: (receiveCount: number, queue: QueueSpec) => number;
  emit: (event: BusEvent) => void;
  now: () => number;
  timers: BusTimers;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** A queue's handler, attached as the event source mapping attaches a Lambda. */
export class QueueConsumer {
  readonly maxConcurrency: number;
  /** Batches handed over and not yet settled, whoever started them. */
  private readonly inFlight = new Set<Promise<number>>();
  private running = false;
  /** The one pending wake-up timer, and the bus-clock instant it is for. */
  private wake?: { handle: unknown; at: number };

  constructor(
    private readonly queue: SqsQueue,
    private readonly handler: SqsHandler,
    private readonly options: ConsumerOptions,
  ) {
    const max = queue.spec.consumer.maxConcurrency ?? 1;
    if (!Number.isInteger(max) || max < 1) throw new Error(`Queue ${queue.name}: maxConcurrency must be a positive integer, not ${max}`);
    this.maxConcurrency = max;
    // Sends arrive inside callers' own work: start their batch on the next turn, which also gathers a burst of sends into one batch.
    queue.onMessage(() => {
      const now = this.options.now();
      if (this.running && !(this.wake && this.wake.at <= now)) this.sleepUntil(now);
    });
  }

  /**
   * One round: hands over batches while a slot is free and messages are
   * ready, and waits for them to settle. Resolves to the messages handed
   * over (0 when all slots are busy or nothing is ready).
   */
  async pump(options: PumpOptions = {}): Promise<number> {
    const started = this.fill(options.respectBatchingWindow ?? false);
    const counts = await Promise.all(started);
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** Dispatches on its own from now on, honouring batching windows. Does nothing while already running. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.sleepUntil(this.options.now());
  }

  /** Stops dispatching and waits for every batch in flight to settle. */
  async stop(): Promise<void> {
    this.running = false;
    this.sleepUntil(undefined);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The running dispatcher's step: fill the free slots, then sleep until something can change. */
  private dispatch(): void {
    if (!this.running) return;
    this.fill(true);
    // With every slot busy, the next batch to settle calls this again; otherwise wait for the queue's next change (or a send).
    this.sleepUntil(this.inFlight.size >= this.maxConcurrency ? undefined : this.queue.nextChange(this.options.now()));
  }

  /** Arms the one wake-up timer for `at` (bus clock), replacing any other; undefined: none. */
  private sleepUntil(at: number | undefined): void {
    if (this.wake?.at === at) return;
    const timers = this.options.timers;
    if (this.wake) timers.clearTimeout(this.wake.handle);
    this.wake = undefined;
    if (at === undefined) return;
    const wake = {
      at,
      handle: timers.setTimeout(
        () => {
          if (this.wake === wake) this.wake = undefined;
          this.dispatch();
        },
        // Node fires a longer timer at once; firing early only means looking again.
        Math.min(MAX_TIMER_MS, Math.max(0, at - this.options.now())),
      ),
    };
    this.wake = wake;
  }

  /**
   * Starts batches until every slot is busy or nothing is ready; answers the
   * batches started. Every batch is received before any handler runs, so a
   * message a handler sends joins a later round, never this one.
   */
  private fill(respectBatchingWindow: boolean): Promise<number>[] {
    const receipts: Receipt[] = [];
    while (this.inFlight.size + receipts.length < this.maxConcurrency) {
      const { receipt, deadLettered } = this.queue.receive(this.options.now(), respectBatchingWindow);
      for (const letter of deadLettered) {
        this.options.emit({ type: 'dead-lettered', queue: this.queue.name, messageId: letter.messageId, reason: letter.reason });
      }
      if (!receipt) break;
      receipts.push(receipt);
    }
    return receipts.map((receipt) => this.track(receipt));
  }

  /** Processes a batch in a slot, which it frees (and refills) when settled. */
  private track(receipt: Receipt): Promise<number> {
    const batch = this.process(receipt)
      .catch((error: unknown) => {
        // Only a throwing backoff or event listener gets here; the batch's messages come back when their visibility ends.
        this.options.emit({ type: 'batch-failed', queue: this.queue.name, messageIds: [...receipt.messageIds], reason: describeError(error) });
        return receipt.messageIds.length;
      })
      .finally(() => {
        this.inFlight.delete(batch);
        this.dispatch();
      });
    this.inFlight.add(batch);
    return batch;
  }

  /** Hands one batch to the handler and settles it; resolves to the messages handed over. */
  private async process(receipt: Receipt): Promise<number> {
    const queue = this.queue;
    let failed: { ids: ReadonlySet<string>; reason: string };
    try {
      const response = await this.handler(receipt.event);
      failed = batchFailures(response, receipt.messageIds, queue.spec.consumer.reportBatchItemFailures);
    } catch (error) {
      failed = { ids: new Set(receipt.messageIds), reason: describeError(error) };
    }
    const backoff = this.options.backoff;
    queue.settle(receipt, failed, backoff ? (receiveCount) => backoff(receiveCount, queue.spec) : undefined);
    if (failed.ids.size > 0) this.options.emit({ type: 'batch-failed', queue: queue.name, messageIds: [...failed.ids], reason: failed.reason });
    return receipt.messageIds.length;
  }
}

/**
 * Which messages of a batch failed, by Lambda's rules for partial batch
 * responses: no response or an empty list is total success; a malformed
 * response, or one naming an unknown message, is total failure.
 */
function batchFailures(response: unknown, batch: readonly string[], reportBatchItemFailures: boolean): { ids: ReadonlySet<string>; reason: string } {
  const none = { ids: new Set<string>(), reason: '' };
  if (!reportBatchItemFailures || response === undefined || response === null) return none;
  const all = (reason: string) => ({ ids: new Set(batch), reason });
  if (typeof response !== 'object') return all('invalid batch response: not an object');
  const list = (response as Partial<SqsBatchResponse>).batchItemFailures;
  if (list === undefined || list === null) return none;
  if (!Array.isArray(list)) return all('invalid batch response: batchItemFailures is not an array');
  const inBatch = new Set(batch);
  const ids = new Set<string>();
  for (const item of list as unknown[]) {
    const id = typeof item === 'object' && item !== null ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || !inBatch.has(id)) {
      return all(`invalid batch response: itemIdentifier ${JSON.stringify(id)} is not a message of this batch`);
    }
    ids.add(id);
  }
  return { ids, reason: 'reported in batchItemFailures' };
}

/** Node's timers, for the running platform. */
export const nodeTimers: BusTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
