/**
 * The consumer side of the local bus, as the SQS event source mapping does
 * it: one batch at a time per queue, the handler's partial batch response
 * applied by Lambda's rules, and a polling loop on timers for the running
 * platform.
 *
 * - Partial batch responses: listed messages are retried, the rest deleted.
 *   A thrown error, or a response naming a message not in the batch, fails
 *   the whole batch (Lambda treats a malformed response as a total failure).
 * - The handler gets the invocation's remaining time as Lambda would give
 *   it: the consumer function's timeout in the topology, counted down by the
 *   bus's clock from the moment the batch is handed over.
 * - Not modelled: stopping a handler at its timeout, concurrent consumers of
 *   one queue (batches of a queue run one at a time, as with a
 *   `maxConcurrency` of one).
 */
import type { QueueSpec } from '../../../shared/topology';
import type { InvocationContext, SqsBatchResponse, SqsHandler } from '../../../shared/ports/sqs-event';
import { describeError } from '../describe-error';
import type { SqsQueue } from './queue';

/** Something operators would see as a metric or alarm in AWS. */
export type BusEvent =
  | { type: 'batch-failed'; queue: string; messageIds: string[]; reason: string }
  | { type: 'dead-lettered'; queue: string; messageId: string; reason: string };

/** Timer functions, injectable so `start()` can be driven by hand in tests. */
export interface BusTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options for one polling round. */
export interface PumpOptions {
  /**
   * Hold a partial batch until the queue's maximum batching window has
   * passed since its oldest message became visible, as the event source
   * mapping does. Off by default so tests need not move the clock.
   */
  respectBatchingWindow?: boolean;
}

/** What a consumer needs from the bus: the retry backoff (if any), where to report, and the bus's clock. */
export interface ConsumerOptions {
  /** Seconds a failed message stays invisible, given how many times it has been received. */
  backoff?: (receiveCount: number, queue: QueueSpec) => number;
  emit: (event: BusEvent) => void;
  now: () => number;
}

/** A queue's handler, attached as the event source mapping attaches a Lambda. */
export class QueueConsumer {
  /** Batches of one queue run one after another: each pump chains onto this. */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly queue: SqsQueue,
    private readonly handler: SqsHandler,
    private readonly options: ConsumerOptions,
  ) {}

  /** Hands at most one batch to the handler, after any batch under way; resolves to the messages handed over. */
  pump(options: PumpOptions = {}): Promise<number> {
    const run = this.tail.then(() => this.receiveAndProcess(options));
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** The countdown Lambda would give the handler, from its timeout in the topology. */
  private invocationContext(): InvocationContext {
    const deadline = this.options.now() + this.queue.spec.consumer.handler.timeoutSeconds * 1000;
    return { getRemainingTimeInMillis: () => Math.max(0, deadline - this.options.now()) };
  }

  private async receiveAndProcess(options: PumpOptions): Promise<number> {
    const queue = this.queue;
    // One instant for both steps, so a message cannot dodge the dead-letter check and still be received.
    const now = this.options.now();
    for (const letter of queue.deadLetterExhausted(now)) {
      this.options.emit({ type: 'dead-lettered', queue: queue.name, messageId: letter.messageId, reason: letter.reason });
    }
    const receipt = queue.receive(now, options.respectBatchingWindow ?? false);
    if (!receipt) return 0;

    let failed: { ids: ReadonlySet<string>; reason: string };
    try {
      const response = await this.handler(receipt.event, this.invocationContext());
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

/**
 * Runs `round` on timers, one round at a time: the next is scheduled once
 * the last has settled, so a slow handler never overlaps itself.
 */
export class PollingLoop {
  private state?: { handle?: unknown; stopped: boolean; tick?: Promise<void> };

  constructor(
    private readonly timers: BusTimers,
    private readonly round: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts polling every `intervalMs`; does nothing while already running. */
  start(intervalMs: number): void {
    if (this.state && !this.state.stopped) return;
    const state: { handle?: unknown; stopped: boolean; tick?: Promise<void> } = { stopped: false };
    this.state = state;
    const tick = (): void => {
      state.tick = this.round()
        .then(() => undefined, this.onError)
        .finally(() => {
          if (!state.stopped) state.handle = this.timers.setTimeout(tick, intervalMs);
        });
    };
    state.handle = this.timers.setTimeout(tick, 0);
  }

  /** Stops the timers and waits for the round under way. */
  async stop(): Promise<void> {
    const state = this.state;
    if (!state) return;
    state.stopped = true;
    if (state.handle !== undefined) this.timers.clearTimeout(state.handle);
    await state.tick;
  }
}

/** Node's timers, for the running platform. */
export const nodeTimers: BusTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
