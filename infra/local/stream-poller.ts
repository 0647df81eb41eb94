/**
 * The local stand-in for a DynamoDB stream event source mapping: reads
 * DynamoDB Local's real stream with the `@aws-sdk/client-dynamodb-streams`
 * API and calls the handler with the Lambda event shape, as a mapping
 * declared in `topology.streamConsumers` does in AWS (each consumer has a
 * poller of its own, reading the stream independently). The pieces:
 * - `stream/shards.ts`: shard discovery and iterators (shards open at start
 *   are read from `startingPosition`, LATEST by default: `npm start` seeds
 *   before the poller starts, so seed data is not announced);
 * - `stream/record.ts`: the SDK's records in the Lambda event shape;
 * - `stream/filter.ts`: the consumer's event filters;
 * - `stream/dispatch.ts`: batches, partial batch responses, checkpoints,
 *   retries and giving up;
 * - `stream/checkpoint-file.ts`: checkpoints kept across restarts.
 * Rounds run one at a time. On timers, a round that handed records over is
 * followed at once by the next (a burst of writes drains without waiting),
 * and an idle one by a short pause. Without a checkpoint store, checkpoints
 * live in memory and a restart starts again from the starting position;
 * with one (`npm start -- --persist`), they are saved after every round
 * that moved them and a restart resumes after them, so a write committed
 * just before a crash is still announced.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Logger } from '../../shared/ports/logger';
import { topology, type StreamConsumerSpec } from '../../shared/topology';
import { describeError } from './describe-error';
import type { CheckpointStore, Checkpoints } from './stream/checkpoint-file';
import { dispatchPending, type DispatchOptions, type StreamFailure, type StreamHandler } from './stream/dispatch';
import { passesFilters } from './stream/filter';
import { ShardReader, type StartingPosition } from './stream/shards';
import type { StreamRecord } from '../../shared/ports/stream-event';

export type { StreamFailure, StreamHandler } from './stream/dispatch';

/** After a round fails (DynamoDB Local unreachable, say), wait this long, so the log is not flooded. */
const FAILED_ROUND_PAUSE_MS = 1_000;

/** How to build a poller: the stream and its handler; the rest defaults to the topology's stream consumer and Lambda's timing. */
export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  handler: StreamHandler;
  /** Batch size, retries and filters; the topology's announcer by default. */
  spec?: Pick<StreamConsumerSpec, 'batchSize' | 'retryAttempts' | 'filters'>;
  /** Where reading starts in the shards open at start, on a first start (no saved checkpoints). */
  startingPosition?: StartingPosition;
  /**
   * Keeps checkpoints across restarts: `init()` resumes after the saved
   * ones (shards without one from TRIM_HORIZON), and every round that moves
   * them saves them. Absent: checkpoints live in memory.
   */
  checkpointStore?: CheckpointStore;
  /** Pause after a round that found nothing to hand over, when running on timers (default 50). */
  idleIntervalMs?: number;
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
  /** `init()`, then rounds on timers: the next at once after a round that handed records over, after `idleIntervalMs` otherwise. */
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
  checkpoints(): Checkpoints;
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
  /** The checkpoints last written to the store, to write only when they move. */
  private saved?: string;

  constructor(private readonly options: StreamPollerOptions) {
    this.now = options.now ?? Date.now;
    const { client, streamArn, startingPosition, region, logger } = options;
    const spec: Pick<StreamConsumerSpec, 'batchSize' | 'retryAttempts' | 'filters'> = options.spec ?? topology.streamConsumers.announce;
    const filters = spec.filters;
    this.reader = new ShardReader({
      client,
      streamArn,
      ...(startingPosition ? { startingPosition } : {}),
      ...(region ? { region } : {}),
      ...(filters ? { filter: (record: StreamRecord) => passesFilters(record, filters) } : {}),
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
    this.initialized ??= this.begin();
    return this.initialized;
  }

  async start(): Promise<void> {
    await this.init();
    if (this.running) return;
    this.running = true;
    const idle = this.options.idleIntervalMs ?? 50;
    const tick = (): void => {
      this.loop = this.poll()
        .then(
          (handed) => (handed > 0 ? 0 : idle),
          (error: unknown) => {
            this.options.logger?.error('stream poll failed', { error: describeError(error) });
            return Math.max(idle, FAILED_ROUND_PAUSE_MS);
          },
        )
        .then((pause) => {
          if (this.running) this.timer = setTimeout(tick, pause);
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

  checkpoints(): Checkpoints {
    return Object.fromEntries([...this.reader.all()].filter((s) => s.checkpoint).map((s) => [s.shardId, s.checkpoint as string]));
  }

  private async round(ignoreBackoff: boolean): Promise<number> {
    await this.init();
    if (this.now() - this.lastDescribe >= (this.options.describeIntervalMs ?? 5_000)) await this.discover();
    let handed = 0;
    for (const shard of this.reader.all()) {
      if (!this.reader.readable(shard)) continue;
      if (shard.pending.length === 0) await this.reader.fetch(shard);
      handed += await dispatchPending(shard, this.dispatch, ignoreBackoff);
    }
    await this.save();
    return handed;
  }

  /** Pins where every shard known now starts (resuming saved checkpoints, if any), and saves that. */
  private async begin(): Promise<void> {
    const store = this.options.checkpointStore;
    const saved = store ? await store.load(this.options.streamArn) : undefined;
    this.lastDescribe = this.now();
    await this.reader.discover(saved ? { resume: saved } : { pinned: store !== undefined });
    await this.save();
  }

  private discover(): Promise<void> {
    this.lastDescribe = this.now();
    return this.reader.discover();
  }

  /** Writes the checkpoints to the store, if there is one and they moved since the last write. */
  private async save(): Promise<void> {
    const store = this.options.checkpointStore;
    if (!store) return;
    const checkpoints = this.checkpoints();
    const serialized = JSON.stringify(checkpoints);
    if (serialized === this.saved) return;
    await store.save(this.options.streamArn, checkpoints);
    this.saved = serialized;
  }
}
