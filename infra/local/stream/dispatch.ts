/**
 * Handing a shard's records to the handler and checkpointing, as the Lambda
 * event source mapping does for a DynamoDB stream:
 * - batches of at most `batchSize` records, in shard order, one at a time
 *   per shard;
 * - partial batch responses: records before the lowest reported sequence
 *   number are checkpointed; that record and every later one come back (so
 *   the handler must be idempotent). A thrown error or a response naming a
 *   record not in the batch fails the whole batch;
 * - a record that still fails after `retryAttempts` retries is given up:
 *   recorded as a failure and logged (the on-failure destination), and the
 *   shard moves on.
 * Not modelled: bisect-on-error (only the failing record is given up, which
 * is where bisection ends), maximum record age, parallelization.
 */
import type { Logger } from '../../../shared/ports/logger';
import type { StreamBatchResponse, StreamEvent, StreamRecord } from '../../../shared/ports/stream-event';
import type { StreamConsumerSpec } from '../../../shared/topology';
import { describeError } from '../describe-error';
import type { ShardState } from './shards';

/** A stream handler as Lambda calls it. */
export type StreamHandler = (event: StreamEvent) => Promise<StreamBatchResponse | void>;

/** A record given up after its retries, as the on-failure destination would describe it. */
export interface StreamFailure {
  shardId: string;
  sequenceNumber: string;
  eventID: string;
  attempts: number;
  reason: string;
  at: number;
}

/** What dispatching needs: the handler, batching and retry rules, the clock, and where give-ups go. */
export interface DispatchOptions {
  handler: StreamHandler;
  spec: Pick<StreamConsumerSpec, 'batchSize' | 'retryAttempts'>;
  /** Milliseconds before retry `attempt` (1, 2, …) of a failed batch. */
  retryDelayMs?: (attempt: number) => number;
  now: () => number;
  logger?: Logger;
  /** Called with each record given up. */
  giveUp: (failure: StreamFailure) => void;
}

/**
 * Hands a shard's pending records over batch by batch until they are done
 * or one fails (then it waits for its retry time, unless `ignoreBackoff`).
 * Resolves to the records handed over.
 */
export async function dispatchPending(shard: ShardState, options: DispatchOptions, ignoreBackoff: boolean): Promise<number> {
  let handed = 0;
  while (shard.pending.length > 0) {
    if (!ignoreBackoff && options.now() < shard.retryAt) break;
    const batch = shard.pending.slice(0, options.spec.batchSize);
    handed += batch.length;
    const failedAt = await invoke(options.handler, batch);
    if (failedAt === undefined) {
      shard.pending.splice(0, batch.length);
      shard.checkpoint = batch.at(-1)?.dynamodb.SequenceNumber;
      shard.attempts = 0;
      continue;
    }
    const index = batch.findIndex((record) => record.dynamodb.SequenceNumber === failedAt.sequenceNumber);
    if (index > 0) {
      // Everything before the failed record is done: checkpoint it, and count attempts afresh for the new head.
      shard.checkpoint = batch[index - 1]?.dynamodb.SequenceNumber;
      shard.pending.splice(0, index);
      shard.attempts = 0;
    }
    shard.attempts += 1;
    const head = shard.pending[0] as StreamRecord;
    if (shard.attempts > options.spec.retryAttempts) {
      const failure: StreamFailure = {
        shardId: shard.shardId,
        sequenceNumber: head.dynamodb.SequenceNumber,
        eventID: head.eventID,
        attempts: shard.attempts,
        reason: failedAt.reason,
        at: options.now(),
      };
      options.giveUp(failure);
      options.logger?.error('stream record given up after retries', { ...failure });
      shard.pending.shift();
      shard.checkpoint = head.dynamodb.SequenceNumber;
      shard.attempts = 0;
      continue;
    }
    const delay = (options.retryDelayMs ?? defaultRetryDelay)(shard.attempts);
    shard.retryAt = options.now() + delay;
    options.logger?.warn('stream batch failed; retrying', {
      shardId: shard.shardId,
      sequenceNumber: head.dynamodb.SequenceNumber,
      attempt: shard.attempts,
      reason: failedAt.reason,
    });
    break;
  }
  return handed;
}

/** Calls the handler; answers the first record that must come back, or undefined when all succeeded. */
async function invoke(handler: StreamHandler, batch: StreamRecord[]): Promise<{ sequenceNumber: string; reason: string } | undefined> {
  const first = batch[0]?.dynamodb.SequenceNumber as string;
  let response: StreamBatchResponse | void;
  try {
    response = await handler({ Records: batch });
  } catch (error) {
    return { sequenceNumber: first, reason: describeError(error) };
  }
  const failures = response?.batchItemFailures ?? [];
  if (!Array.isArray(failures)) return { sequenceNumber: first, reason: 'invalid batch response' };
  if (failures.length === 0) return undefined;
  const inBatch = new Set(batch.map((record) => record.dynamodb.SequenceNumber));
  let lowest: bigint | undefined;
  for (const failure of failures) {
    const id = failure?.itemIdentifier;
    // Lambda treats an empty or unknown identifier as a failure of the whole batch.
    if (typeof id !== 'string' || !inBatch.has(id)) return { sequenceNumber: first, reason: 'invalid batch response' };
    if (lowest === undefined || BigInt(id) < lowest) lowest = BigInt(id);
  }
  const failed = batch.find((record) => BigInt(record.dynamodb.SequenceNumber) === lowest) as StreamRecord;
  return { sequenceNumber: failed.dynamodb.SequenceNumber, reason: 'reported in batchItemFailures' };
}

function defaultRetryDelay(attempt: number): number {
  return Math.min(250 * 2 ** (attempt - 1), 5_000);
}
