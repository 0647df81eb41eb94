/**
 * The local stand-in for a DynamoDB stream event source mapping: reads
 * DynamoDB Local's real stream with the `@aws-sdk/client-dynamodb-streams`
 * API and calls the handler with the Lambda event shape, as the mapping
 * declared in `topology.streamConsumer` does in AWS.
 *
 * Behaviour, as Lambda does it unless said otherwise:
 * - Shards: described at start and every few seconds; shards open at start
 *   are read from `startingPosition` (LATEST by default: `npm start` seeds
 *   before the poller starts, so seed data is not announced), closed ones
 *   are skipped, and shards that appear later (children of a split or a
 *   rollover) are read from TRIM_HORIZON once their parent is finished.
 * - Batches of at most `batchSize` records, in shard order, one at a time
 *   per shard.
 * - Partial batch responses: records before the lowest reported sequence
 *   number are checkpointed; that record and every later one come back
 *   (so the handler must be idempotent). A thrown error or a response naming
 *   a record not in the batch fails the whole batch.
 * - A record that still fails after `retryAttempts` retries is given up:
 *   described in `failures()` and the log (the on-failure destination), and
 *   the shard moves on.
 * - Checkpoints live in memory; a restart starts again from LATEST.
 * - Not modelled: bisect-on-error (only the failing record is given up,
 *   which is where bisection ends), maximum record age, parallelization.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type AttributeValue,
  type DynamoDBStreamsClient,
  type _Record as SdkRecord,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { Logger } from '../../shared/ports/logger';
import type { StreamAttributeValue, StreamBatchResponse, StreamEvent, StreamImage, StreamRecord } from '../../shared/ports/stream-event';
import { topology, type StreamConsumerSpec } from '../../shared/topology';

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

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  handler: StreamHandler;
  /** Batch size and retries; the topology's stream consumer by default. */
  spec?: Pick<StreamConsumerSpec, 'batchSize' | 'retryAttempts'>;
  /** Where reading starts in the shards open at start. */
  startingPosition?: 'LATEST' | 'TRIM_HORIZON';
  /** Pause between rounds when running on timers. */
  intervalMs?: number;
  /** Milliseconds before retry `attempt` (1, 2, …) of a failed batch. */
  retryDelayMs?: (attempt: number) => number;
  /** How often to look for new shards. */
  describeIntervalMs?: number;
  /** The region the Lambda event names (DynamoDB Local says `ddblocal`). */
  region?: string;
  logger?: Logger;
  now?: () => number;
}

/** The poller: `start()` on timers for the running platform, `drain()` by hand in tests. */
export interface StreamPoller {
  /** Describes the stream and pins the starting iterators; later writes will be read. Idempotent. */
  init(): Promise<void>;
  /** `init()`, then one round every `intervalMs`. */
  start(): Promise<void>;
  /** One round over every readable shard; resolves to the records handed to the handler. */
  poll(options?: { ignoreBackoff?: boolean }): Promise<number>;
  /** Rounds until nothing new arrives and nothing waits for a retry; retries without waiting. Resolves to records handed over. */
  drain(options?: { maxRounds?: number }): Promise<number>;
  /** Stops the timers and waits for the round under way. */
  stop(): Promise<void>;
  /** Records given up after their retries, oldest first. */
  failures(): readonly StreamFailure[];
  /** The last sequence number handled per shard. */
  checkpoints(): Readonly<Record<string, string>>;
}

interface ShardState {
  shardId: string;
  parentShardId?: string;
  /** Where to start when there is neither an iterator nor a checkpoint. */
  position: 'LATEST' | 'TRIM_HORIZON';
  iterator?: string;
  checkpoint?: string;
  /** GetRecords returned no next iterator: the shard is closed and read to its end. */
  closed: boolean;
  /** Read and not yet handled successfully, in order. */
  pending: StreamRecord[];
  /** Failed attempts of the batch at the head of `pending`. */
  attempts: number;
  retryAt: number;
}

/** The stream of a table (its LatestStreamArn); throws if the table has no stream. */
export async function latestStreamArn(client: DynamoDBClient, tableName: string): Promise<string> {
  const res = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const arn = res.Table?.LatestStreamArn;
  if (!arn) throw new Error(`Table ${tableName} has no stream; create it with createTable()`);
  return arn;
}

/**
 * Builds a poller on one stream.
 *
 * @example
 * const poller = createStreamPoller({ client, streamArn: await latestStreamArn(ddb, 'outpost'), handler: announce });
 * await poller.start();
 */
export function createStreamPoller(options: StreamPollerOptions): StreamPoller {
  return new LocalStreamPoller(options);
}

const GET_RECORDS_LIMIT = 1000;

class LocalStreamPoller implements StreamPoller {
  private readonly shards = new Map<string, ShardState>();
  private readonly given: StreamFailure[] = [];
  private readonly spec: Pick<StreamConsumerSpec, 'batchSize' | 'retryAttempts'>;
  private readonly now: () => number;
  private initialized?: Promise<void>;
  private lastDescribe = 0;
  /** Rounds run one after another, whether timers or callers start them. */
  private tail: Promise<unknown> = Promise.resolve();
  private timer?: ReturnType<typeof setTimeout>;
  private running = false;
  private loop?: Promise<void>;

  constructor(private readonly options: StreamPollerOptions) {
    this.spec = options.spec ?? topology.streamConsumer;
    this.now = options.now ?? Date.now;
  }

  init(): Promise<void> {
    this.initialized ??= this.refreshShards(true);
    return this.initialized;
  }

  async start(): Promise<void> {
    await this.init();
    if (this.running) return;
    this.running = true;
    const interval = this.options.intervalMs ?? 250;
    const tick = (): void => {
      this.loop = this.poll()
        .then(
          () => undefined,
          (error: unknown) => this.options.logger?.error('stream poll failed', { error: describe(error) }),
        )
        .finally(() => {
          if (this.running) this.timer = setTimeout(tick, interval);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.loop;
    await this.tail.catch(() => undefined);
  }

  poll(options: { ignoreBackoff?: boolean } = {}): Promise<number> {
    const round = this.tail.then(() => this.round(options.ignoreBackoff ?? false));
    this.tail = round.catch(() => undefined);
    return round;
  }

  async drain(options: { maxRounds?: number } = {}): Promise<number> {
    const maxRounds = options.maxRounds ?? 200;
    let total = 0;
    for (let i = 0; i < maxRounds; i += 1) {
      const handed = await this.poll({ ignoreBackoff: true });
      total += handed;
      const waiting = [...this.shards.values()].some((shard) => shard.pending.length > 0);
      if (handed === 0 && !waiting) return total;
    }
    throw new Error(`Stream still busy after ${maxRounds} rounds: does the handler keep failing?`);
  }

  failures(): readonly StreamFailure[] {
    return this.given.map((failure) => ({ ...failure }));
  }

  checkpoints(): Readonly<Record<string, string>> {
    return Object.fromEntries([...this.shards.values()].filter((s) => s.checkpoint).map((s) => [s.shardId, s.checkpoint as string]));
  }

  private async round(ignoreBackoff: boolean): Promise<number> {
    await this.init();
    if (this.now() - this.lastDescribe >= (this.options.describeIntervalMs ?? 5_000)) await this.refreshShards(false);
    let handed = 0;
    for (const shard of this.shards.values()) {
      if (!this.readable(shard)) continue;
      if (shard.pending.length === 0) await this.fetch(shard);
      handed += await this.deliver(shard, ignoreBackoff);
    }
    return handed;
  }

  /** A shard is read once its parent (if we know it) is finished, as Lambda keeps lineage order. */
  private readable(shard: ShardState): boolean {
    if (finished(shard)) return false;
    const parent = shard.parentShardId ? this.shards.get(shard.parentShardId) : undefined;
    return !parent || finished(parent);
  }

  private async refreshShards(atStart: boolean): Promise<void> {
    this.lastDescribe = this.now();
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
          position: atStart ? (this.options.startingPosition ?? 'LATEST') : 'TRIM_HORIZON',
          // Shards already closed at start hold only history from before this poller.
          closed: atStart && !open && (this.options.startingPosition ?? 'LATEST') === 'LATEST',
          pending: [],
          attempts: 0,
          retryAt: 0,
        };
        this.shards.set(shard.ShardId, state);
        // LATEST is pinned now, so writes after start() are read.
        if (atStart && !state.closed) state.iterator = await this.iterator(state);
      }
      exclusiveStartShardId = description?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
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

  private async fetch(shard: ShardState): Promise<void> {
    shard.iterator ??= await this.iterator(shard);
    if (!shard.iterator) {
      shard.closed = true;
      return;
    }
    try {
      const res = await this.options.client.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: GET_RECORDS_LIMIT }));
      shard.pending.push(...(res.Records ?? []).map((record) => this.toLambda(record)));
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

  /** Hands pending records over batch by batch until they are done or one fails. */
  private async deliver(shard: ShardState, ignoreBackoff: boolean): Promise<number> {
    let handed = 0;
    while (shard.pending.length > 0) {
      if (!ignoreBackoff && this.now() < shard.retryAt) break;
      const batch = shard.pending.slice(0, this.spec.batchSize);
      handed += batch.length;
      const failedAt = await this.invoke(batch);
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
      if (shard.attempts > this.spec.retryAttempts) {
        const failure: StreamFailure = {
          shardId: shard.shardId,
          sequenceNumber: head.dynamodb.SequenceNumber,
          eventID: head.eventID,
          attempts: shard.attempts,
          reason: failedAt.reason,
          at: this.now(),
        };
        this.given.push(failure);
        this.options.logger?.error('stream record given up after retries', { ...failure });
        shard.pending.shift();
        shard.checkpoint = head.dynamodb.SequenceNumber;
        shard.attempts = 0;
        continue;
      }
      const delay = (this.options.retryDelayMs ?? defaultRetryDelay)(shard.attempts);
      shard.retryAt = this.now() + delay;
      this.options.logger?.warn('stream batch failed; retrying', {
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
  private async invoke(batch: StreamRecord[]): Promise<{ sequenceNumber: string; reason: string } | undefined> {
    const first = batch[0]?.dynamodb.SequenceNumber as string;
    let response: StreamBatchResponse | void;
    try {
      response = await this.options.handler({ Records: batch });
    } catch (error) {
      return { sequenceNumber: first, reason: describe(error) };
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

  /** The SDK's record as Lambda delivers it: epoch seconds, base64 binaries, the stream ARN on each record. */
  private toLambda(record: SdkRecord): StreamRecord {
    const data = record.dynamodb ?? {};
    const created = data.ApproximateCreationDateTime;
    return {
      eventID: record.eventID ?? '',
      eventName: record.eventName ?? 'MODIFY',
      eventVersion: record.eventVersion ?? '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.options.region ?? record.awsRegion ?? 'us-east-1',
      eventSourceARN: this.options.streamArn,
      dynamodb: {
        ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
        Keys: toImage(data.Keys ?? {}),
        ...(data.NewImage ? { NewImage: toImage(data.NewImage) } : {}),
        ...(data.OldImage ? { OldImage: toImage(data.OldImage) } : {}),
        SequenceNumber: data.SequenceNumber ?? '0',
        ...(data.SizeBytes !== undefined ? { SizeBytes: data.SizeBytes } : {}),
        ...(data.StreamViewType ? { StreamViewType: data.StreamViewType } : {}),
      },
      ...(record.userIdentity?.Type && record.userIdentity.PrincipalId
        ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }
        : {}),
    };
  }
}

function finished(shard: ShardState): boolean {
  return shard.closed && shard.pending.length === 0;
}

function defaultRetryDelay(attempt: number): number {
  return Math.min(250 * 2 ** (attempt - 1), 5_000);
}

function toImage(image: Record<string, AttributeValue>): StreamImage {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toValue(value)]));
}

function toValue(value: AttributeValue): StreamAttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toValue) };
  if (value.M !== undefined) return { M: Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, toValue(v)])) };
  throw new Error('Unsupported attribute value in stream record');
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `non-error thrown: ${String(error)}`;
}
