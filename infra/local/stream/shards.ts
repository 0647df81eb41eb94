/**
 * Shard discovery and iterators for the local stream poller, as the Lambda
 * event source mapping reads a DynamoDB stream:
 * - shards are described at start and again every few seconds; shards open
 *   at start are read from the starting position, shards closed by then are
 *   skipped (they hold only history), and shards that appear later (children
 *   of a split or a rollover) are read from TRIM_HORIZON;
 * - a shard is read once its parent (if known) is finished, keeping lineage order;
 * - an expired iterator is re-opened after the checkpoint; trimmed records
 *   are logged and reading resumes at TRIM_HORIZON.
 */
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { Logger } from '../../../shared/ports/logger';
import type { StreamRecord } from '../../../shared/ports/stream-event';
import { toLambdaRecord } from './record';

/** Where reading starts in a shard without iterator or checkpoint. */
export type StartingPosition = 'LATEST' | 'TRIM_HORIZON';

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
  /** Records it returns false for are dropped as they are read, as the event source mapping's filter drops them. */
  accept?: (record: StreamRecord) => boolean;
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
   * Describes the stream and adds the shards not seen before. At start,
   * open shards get their iterator now, so LATEST is pinned and writes after
   * this resolves are read.
   */
  async discover(atStart: boolean): Promise<void> {
    const startingPosition = this.options.startingPosition ?? 'LATEST';
    let exclusiveStartShardId: string | undefined;
    do {
      const res = await this.options.client.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ...(exclusiveStartShardId ? { ExclusiveStartShardId: exclusiveStartShardId } : {}) }),
      );
      const description = res.StreamDescription;
      for (const shard of description?.Shards ?? []) {
        if (!shard.ShardId || this.shards.has(shard.ShardId)) continue;
        const open = shard.SequenceNumberRange?.EndingSequenceNumber === undefined;
        const state: ShardState = {
          shardId: shard.ShardId,
          ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
          position: atStart ? startingPosition : 'TRIM_HORIZON',
          // Shards already closed at start hold only history from before this poller.
          closed: atStart && !open && startingPosition === 'LATEST',
          pending: [],
          attempts: 0,
          retryAt: 0,
        };
        this.shards.set(shard.ShardId, state);
        if (atStart && !state.closed) state.iterator = await this.iterator(state);
      }
      exclusiveStartShardId = description?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
  }

  /** Reads the next records of a shard into its `pending`; marks the shard closed when it has no next iterator. */
  async fetch(shard: ShardState): Promise<void> {
    shard.iterator ??= await this.iterator(shard);
    if (!shard.iterator) {
      shard.closed = true;
      return;
    }
    try {
      const res = await this.options.client.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: GET_RECORDS_LIMIT }));
      const source = { streamArn: this.options.streamArn, ...(this.options.region !== undefined ? { region: this.options.region } : {}) };
      const accept = this.options.accept ?? (() => true);
      shard.pending.push(...(res.Records ?? []).map((record) => toLambdaRecord(record, source)).filter(accept));
      if (res.NextShardIterator) shard.iterator = res.NextShardIterator;
      else {
        delete shard.iterator;
        shard.closed = true;
      }
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        delete shard.iterator; // re-read from the checkpoint next round
        return;
      }
      if (error instanceof TrimmedDataAccessException) {
        this.options.logger?.warn('stream records trimmed before they were read', { shardId: shard.shardId });
        delete shard.iterator;
        delete shard.checkpoint;
        shard.position = 'TRIM_HORIZON';
        return;
      }
      throw error;
    }
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
