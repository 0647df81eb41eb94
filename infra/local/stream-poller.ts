/**
 * The local stand-in for a DynamoDB stream event source mapping: reads
 * DynamoDB Local's real stream with the `@aws-sdk/client-dynamodb-streams`
 * API and calls the handler with the Lambda event shape, as the mapping
 * declared in `topology.streamConsumer` does in AWS. The pieces:
 * - `stream/shards.ts`: shard discovery and iterators (shards open at start
 *   are read from `startingPosition`, LATEST by default: `npm start` seeds
 *   before the poller starts, so seed data is not announced);
 * - `stream/record.ts`: the SDK's records in the Lambda event shape;
 * - `stream/dispatch.ts`: batches, partial batch responses, checkpoints,
 *   retries and giving up.
 * Records the consumer's filter rejects (`topology.streamConsumer.filter`,
 * the event source mapping's filter criteria in AWS) are dropped as they are
 * read and never reach the handler.
 * Rounds run one at a time; checkpoints live in memory, so a restart starts
 * again from LATEST.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Logger } from '../../shared/ports/logger';
import type { StreamRecord } from '../../shared/ports/stream-event';
import { matchesStreamFilter, topology, type StreamConsumerSpec } from '../../shared/topology';
import { describeError } from './describe-error';
import { dispatchPending, type DispatchOptions, type StreamFailure, type StreamHandler } from './stream/dispatch';
import { ShardReader, type StartingPosition } from './stream/shards';

export type { StreamFailure, StreamHandler } from './stream/dispatch';

/** How to build a poller: the stream and its handler; the rest defaults to the topology's stream consumer and Lambda's timing. */
export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  handler: StreamHandler;
  /** Batch size, retries and the record filter (none when absent); the topology's stream consumer by default. */
  spec?: Pick<StreamConsumerSpec, 'batchSize' | 'retryAttempts'> & Partial<Pick<StreamConsumerSpec, 'filter'>>;
  /** Where reading starts in the shards open at start. */
  startingPosition?: StartingPosition;
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

class LocalStreamPoller implements StreamPoller {
  private readonly reader: ShardReader;
  private readonly dispatch: DispatchOptions;
  private readonly given: StreamFailure[] = [];
  private readonly now: () => number;
  private initialized?: Promise<void>;
  private lastDescribe = 0;
  /** Rounds run one after another, whether timers or callers start them. */
  private tail: Promise<unknown> = Promise.resolve();
  private timer?: ReturnType<typeof setTimeout>;
  private running = false;
  private loop?: Promise<void>;

  constructor(private readonly options: StreamPollerOptions) {
    this.now = options.now ?? Date.now;
    const { client, streamArn, startingPosition, region, logger } = options;
    const spec = options.spec ?? topology.streamConsumer;
    const filter = spec.filter;
    this.reader = new ShardReader({
      client,
      streamArn,
      ...(startingPosition ? { startingPosition } : {}),
      ...(region ? { region } : {}),
      ...(filter ? { accept: (record: StreamRecord) => matchesStreamFilter(filter, record) } : {}),
      ...(logger ? { logger } : {}),
    });
    this.dispatch = {
      handler: options.handler,
      spec,
      ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
      now: this.now,
      ...(logger ? { logger } : {}),
      giveUp: (failure) => this.given.push(failure),
    };
  }

  init(): Promise<void> {
    this.initialized ??= this.discover(true);
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
          (error: unknown) => this.options.logger?.error('stream poll failed', { error: describeError(error) }),
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
      const waiting = [...this.reader.all()].some((shard) => shard.pending.length > 0);
      if (handed === 0 && !waiting) return total;
    }
    throw new Error(`Stream still busy after ${maxRounds} rounds: does the handler keep failing?`);
  }

  failures(): readonly StreamFailure[] {
    return this.given.map((failure) => ({ ...failure }));
  }

  checkpoints(): Readonly<Record<string, string>> {
    return Object.fromEntries([...this.reader.all()].filter((s) => s.checkpoint).map((s) => [s.shardId, s.checkpoint as string]));
  }

  private async round(ignoreBackoff: boolean): Promise<number> {
    await this.init();
    if (this.now() - this.lastDescribe >= (this.options.describeIntervalMs ?? 5_000)) await this.discover(false);
    let handed = 0;
    for (const shard of this.reader.all()) {
      if (!this.reader.readable(shard)) continue;
      if (shard.pending.length === 0) await this.reader.fetch(shard);
      handed += await dispatchPending(shard, this.dispatch, ignoreBackoff);
    }
    return handed;
  }

  private discover(atStart: boolean): Promise<void> {
    this.lastDescribe = this.now();
    return this.reader.discover(atStart);
  }
}
