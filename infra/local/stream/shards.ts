/**
 * Shard discovery and iterators for the local stream poller, as the Lambda
 * event source mapping reads a DynamoDB stream:
 * - shards are described at start and again every few seconds; shards that
 *   appear later (children of a split or a rollover) are read from
 *   TRIM_HORIZON;
 * - at start, either every shard resumes after its saved checkpoint (from
 *   TRIM_HORIZON when it has none, as the mapping reads a shard it has no
 *   position in), or, on a first start, open shards are read from the
 *   starting position and shards closed by then are skipped (they hold only
 *   history). A first start that must be resumable pins LATEST as a
 *   sequence number (reading the shard to its end, which DynamoDB Local
 *   answers in a few calls) and closed shards at their ending sequence
 *   number, so there is a checkpoint to save before any new record arrives;
 * - a shard is read once its parent (if known) is finished, keeping lineage order;
 * - an expired iterator is re-opened after the checkpoint; a checkpoint or
 *   records trimmed away are logged and reading resumes at TRIM_HORIZON; a
 *   shard that no longer exists is dropped.
 */
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { Logger } from '../../../shared/ports/logger';
import type { StreamRecord } from '../../../shared/ports/stream-event';
import { toLambdaRecord } from './record';

/** Where reading starts in a shard without iterator or checkpoint. */
export type StartingPosition = 'LATEST' | 'TRIM_HORIZON';

/**
 * Where the shards known at start begin: after saved checkpoints (`resume`),
 * or at the starting position on a first start, with `pinned` asking for
 * positions that can be saved at once (LATEST as a sequence number).
 */
export type ShardStart = { resume: Readonly<Record<string, string>> } | { pinned: boolean };

/** One shard's reading state. */
export interface ShardState {
  shardId: string;
  parentShardId?: string;
  /** Where to start when there is neither an iterator nor a checkpoint. */
  position: StartingPosition;
  iterator?: string;
  /** The last sequence number handled. */
  checkpoint?: string;
  /** GetRecords returned no next iterator: the shard is closed and read to its end. */
  closed: boolean;
  /** Read and not yet handled successfully, in order. */
  pending: StreamRecord[];
  /** Failed attempts of the batch at the head of `pending`. */
  attempts: number;
  retryAt: number;
}

/** What the reader needs to know about its stream. */
export interface ShardReaderOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  /** Where reading starts in the shards open at start (LATEST by default). */
  startingPosition?: StartingPosition;
  /** The region the Lambda records name. */
  region?: string;
  /** Records it rejects are dropped as they are read, as an event source mapping's filters drop them. */
  filter?: (record: StreamRecord) => boolean;
  logger?: Logger;
}

const GET_RECORDS_LIMIT = 1000;

/** The shards of one stream, with their iterators; reads records into each shard's `pending`. */
export class ShardReader {
  private readonly shards = new Map<string, ShardState>();

  constructor(private readonly options: ShardReaderOptions) {}

  /** Every shard known so far, in the order they were discovered. */
  all(): IterableIterator<ShardState> {
    return this.shards.values();
  }

  /** A shard is read once its parent (if we know it) is finished, as Lambda keeps lineage order. */
  readable(shard: ShardState): boolean {
    if (finished(shard)) return false;
    const parent = shard.parentShardId ? this.shards.get(shard.parentShardId) : undefined;
    return !parent || finished(parent);
  }

  /**
   * Describes the stream and adds the shards not seen before. With `start`
   * (the first call), open shards get their position now, so LATEST is
   * pinned and writes after this resolves are read.
   */
  async discover(start?: ShardStart): Promise<void> {
    const startingPosition = this.options.startingPosition ?? 'LATEST';
    let exclusiveStartShardId: string | undefined;
    do {
      const res = await this.options.client.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ...(exclusiveStartShardId ? { ExclusiveStartShardId: exclusiveStartShardId } : {}) }),
      );
      const description = res.StreamDescription;
      for (const shard of description?.Shards ?? []) {
        if (!shard.ShardId || this.shards.has(shard.ShardId)) continue;
        const state: ShardState = {
          shardId: shard.ShardId,
          ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
          position: start && !('resume' in start) ? startingPosition : 'TRIM_HORIZON',
          closed: false,
          pending: [],
          attempts: 0,
          retryAt: 0,
        };
        this.shards.set(shard.ShardId, state);
        if (!start) continue;
        if ('resume' in start) {
          const saved = start.resume[shard.ShardId];
          if (saved) state.checkpoint = saved;
          continue;
        }
        const ending = shard.SequenceNumberRange?.EndingSequenceNumber;
        if (ending !== undefined && startingPosition === 'LATEST') {
          // Closed before this poller started: only history, never read.
          state.closed = true;
          if (start.pinned) state.checkpoint = ending;
        } else if (start.pinned && startingPosition === 'LATEST') {
          await this.readToEnd(state);
        } else {
          state.iterator = await this.iterator(state);
        }
      }
      exclusiveStartShardId = description?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
  }

  /**
   * Reads the next records of a shard into its `pending`; marks the shard
   * closed when it has no next iterator. An expired iterator or trimmed
   * records are read past once, at once (after the checkpoint, or from
   * TRIM_HORIZON).
   */
  async fetch(shard: ShardState, reopened = false): Promise<void> {
    try {
      shard.iterator ??= await this.iterator(shard);
      if (!shard.iterator) {
        shard.closed = true;
        return;
      }
      const res = await this.options.client.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: GET_RECORDS_LIMIT }));
      const source = { streamArn: this.options.streamArn, ...(this.options.region !== undefined ? { region: this.options.region } : {}) };
      const records = (res.Records ?? []).map((record) => toLambdaRecord(record, source));
      shard.pending.push(...(this.options.filter ? records.filter(this.options.filter) : records));
      if (res.NextShardIterator) shard.iterator = res.NextShardIterator;
      else {
        delete shard.iterator;
        shard.closed = true;
      }
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        delete shard.iterator;
        if (!reopened) await this.fetch(shard, true);
        return;
      }
      if (error instanceof TrimmedDataAccessException) {
        this.options.logger?.warn('stream records trimmed before they were read', { shardId: shard.shardId, checkpoint: shard.checkpoint });
        delete shard.iterator;
        delete shard.checkpoint;
        shard.position = 'TRIM_HORIZON';
        if (!reopened) await this.fetch(shard, true);
        return;
      }
      if (error instanceof ResourceNotFoundException) {
        // The shard itself was trimmed away (or the checkpoint names one of another stream): nothing left to read.
        this.options.logger?.warn('stream shard no longer exists', { shardId: shard.shardId });
        this.shards.delete(shard.shardId);
        return;
      }
      throw error;
    }
  }

  /**
   * Reads an open shard to its end without handing anything over, leaving
   * its checkpoint at the last record and its iterator after it: LATEST,
   * with a sequence number that can be saved. DynamoDB Local answers an
   * empty page only at the end of a shard.
   */
  private async readToEnd(shard: ShardState): Promise<void> {
    let iterator = await this.iterator({ ...shard, position: 'TRIM_HORIZON' });
    while (iterator) {
      const res = await this.options.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }));
      const last = res.Records?.at(-1)?.dynamodb?.SequenceNumber;
      if (last) shard.checkpoint = last;
      iterator = res.NextShardIterator;
      if (!last) break;
    }
    if (iterator) shard.iterator = iterator;
    else shard.closed = true;
  }

  private async iterator(shard: ShardState): Promise<string | undefined> {
    const type: ShardIteratorType = shard.checkpoint ? 'AFTER_SEQUENCE_NUMBER' : shard.position;
    const res = await this.options.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: shard.shardId,
        ShardIteratorType: type,
        ...(shard.checkpoint ? { SequenceNumber: shard.checkpoint } : {}),
      }),
    );
    return res.ShardIterator;
  }
}

/** Closed and every record read from it handled. */
function finished(shard: ShardState): boolean {
  return shard.closed && shard.pending.length === 0;
}
