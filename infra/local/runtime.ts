/**
 * The local stand-ins for everything behind the table, built from
 * `shared/topology.ts`: the in-process SNS → SQS bus with the delivery
 * workers as queue consumers, a stream poller per stream consumer of the
 * topology on DynamoDB Local's real stream (the announce handler, the
 * search indexer), and timers firing the scheduler handler with each
 * schedule's input.
 *
 * @example
 * const runtime = await startLocalRuntime({ deps, endpoint, tableName });
 * // … publish through the API; the announcement reaches the bus …
 * await runtime.stop();
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { announceHandler } from '../../functions/announce/handler';
import type { LocalApiDeps } from '../../functions/wiring/local';
import { indexSearchHandler } from '../../functions/index-search/handler';
import { schedulerHandler } from '../../functions/scheduler/handler';
import { localAnnounceDeps, localIndexSearchDeps, localSchedulerDeps } from '../../functions/wiring/local';
import type { EventBus } from '../../shared/ports/event-bus';
import type { Logger } from '../../shared/ports/logger';
import { nextRun, topology, type QueueName, type TopicName } from '../../shared/topology';
import { busEventBus } from './bus-event-bus';
import { createMessageBus, type MessageBus, type MessageBusOptions } from './message-bus';
import { createStreamPoller, latestStreamArn, type StreamPoller, type StreamPollerOptions } from './stream-poller';
import { checkpointFile } from './stream/checkpoint-file';
import { localDevSchedules } from './dev-schedules';
import { busRequeue, registerWorkers, type LocalWorkerOptions } from './workers';
import type { DevSchedules } from '../../shared/ports/dev-schedules';

export interface LocalRuntimeOptions {
  /** The local wiring the API runs on; workers and the scheduler share it. */
  deps: LocalApiDeps;
  /** DynamoDB Local. */
  endpoint: string;
  tableName: string;
  /** Defaults to `deps.logger`. */
  logger?: Logger;
  /** Milliseconds between stream polls while the stream is idle (default 50); records just read are followed up at once. */
  streamIdleIntervalMs?: number;
  /**
   * Keep the stream poller's checkpoints in this file (`npm start -- --persist`),
   * so a restart resumes where the last run stopped. Absent: in memory, and
   * every start begins at LATEST.
   */
  streamCheckpointFile?: string;
  /** Run the topology's schedules on timers (default true). */
  schedules?: boolean;
  /** Register the delivery workers (default true); tests attach their own consumers instead. */
  workers?: boolean;
  /** Passed to the delivery workers, e.g. a small chunk size to exercise continuations. */
  workerOptions?: LocalWorkerOptions;
  /** Poll on timers (default true); tests pass false and drive `poller.drain()` and `bus.drain()`. */
  autoStart?: boolean;
  /** Passed to the bus, e.g. a backoff for tests. */
  bus?: Omit<MessageBusOptions<typeof topology>, 'topology' | 'onEvent'>;
  /** Passed to the announcer's poller, e.g. retry delays for tests. */
  poller?: Pick<StreamPollerOptions, 'retryDelayMs' | 'spec'>;
  /** Run the search indexer on the stream (default true). */
  searchIndexer?: boolean;
  /** Wraps the announce handler, e.g. to observe its batch responses in tests. */
  wrapAnnounce?: (handler: StreamPollerOptions['handler']) => StreamPollerOptions['handler'];
  /** Wraps the event bus the announce handler publishes with, e.g. to fail a publish in tests. */
  wrapEventBus?: (events: EventBus) => EventBus;
}

export interface LocalRuntime {
  bus: MessageBus<QueueName, TopicName>;
  /** The announcer's poller. */
  poller: StreamPoller;
  /** The schedules the timers run, on demand (the dev schedule routes). */
  schedules: DevSchedules;
  /** Every stream consumer's poller, by its topology name (the search indexer's only when it runs). */
  pollers: { announce: StreamPoller; indexSearch?: StreamPoller };
  /** Stops timers, the poller, then the bus, waiting for work under way. */
  stop(): Promise<void>;
}

/**
 * Builds and starts the runtime. The poller pins its position before this
 * resolves: on a first start (always, in memory) at LATEST, so writes made
 * earlier (the seed) are not announced and writes made later are; with a
 * checkpoint file that already exists, after the checkpoints it holds, so
 * writes the last run did not get to are announced now.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const { deps, endpoint, tableName } = options;
  const logger = options.logger ?? deps.logger;
  const clientConfig = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

  const bus = createMessageBus({
    ...options.bus,
    topology,
    onEvent: (event) =>
      event.type === 'dead-lettered'
        ? logger.error('message dead-lettered', { queue: event.queue, messageId: event.messageId, reason: event.reason })
        : logger.warn('queue batch failed', { queue: event.queue, messageIds: event.messageIds, reason: event.reason }),
  });
  if (options.workers ?? true) registerWorkers(bus, deps, options.workerOptions);

  const events = busEventBus(bus);
  const announce = announceHandler(localAnnounceDeps({ endpoint, tableName, bus: options.wrapEventBus ? options.wrapEventBus(events) : events, logger }));
  const streamArn = await latestStreamArn(new DynamoDBClient(clientConfig), tableName);
  const pollerFor = (name: keyof typeof topology.streamConsumers, handler: StreamPollerOptions['handler'], extra: LocalRuntimeOptions['poller'] = {}, checkpoints?: string): StreamPoller =>
    createStreamPoller({
      spec: topology.streamConsumers[name],
      ...extra,
      client: new DynamoDBStreamsClient(clientConfig),
      streamArn,
      handler,
      startingPosition: 'LATEST',
      ...(checkpoints ? { checkpointStore: checkpointFile(checkpoints, logger) } : {}),
      ...(options.streamIdleIntervalMs !== undefined ? { idleIntervalMs: options.streamIdleIntervalMs } : {}),
      region: 'us-east-1',
      logger,
    });
  const poller = pollerFor('announce', options.wrapAnnounce ? options.wrapAnnounce(announce) : announce, options.poller, options.streamCheckpointFile);
  // Each consumer reads the stream on its own, as each event source mapping does; the search indexer keeps checkpoints beside the announcer's.
  const searchPoller =
    (options.searchIndexer ?? true)
      ? pollerFor('indexSearch', indexSearchHandler(localIndexSearchDeps({ endpoint, tableName, logger })), {}, options.streamCheckpointFile?.replace(/(\.json)?$/, '-search$1'))
      : undefined;
  const pollers = [poller, ...(searchPoller ? [searchPoller] : [])];

  const autoStart = options.autoStart ?? true;
  if (autoStart) {
    for (const p of pollers) await p.start();
    bus.start();
  } else {
    for (const p of pollers) await p.init();
  }
  const scheduler = schedulerHandler(localSchedulerDeps(deps, busRequeue(bus), logger));
  const stopSchedules = autoStart && (options.schedules ?? true) ? startSchedules(scheduler, logger) : () => {};

  let stopped: Promise<void> | undefined;
  return {
    bus,
    poller,
    schedules: localDevSchedules(scheduler),
    pollers: { announce: poller, ...(searchPoller ? { indexSearch: searchPoller } : {}) },
    stop() {
      stopped ??= (async () => {
        stopSchedules();
        await Promise.all(pollers.map((p) => p.stop()));
        await bus.stop();
      })();
      return stopped;
    },
  };
}

/** One timer per schedule of the topology, firing the scheduler handler with its input when EventBridge would. */
function startSchedules(scheduler: ReturnType<typeof schedulerHandler>, logger: Logger): () => void {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;
  for (const schedule of topology.schedules) {
    const arm = (): void => {
      if (stopped) return;
      const delay = Math.max(0, nextRun(schedule.timing, Date.now()) - Date.now());
      timers.set(
        schedule.name,
        setTimeout(() => {
          scheduler(schedule.input)
            .catch((error: unknown) => logger.error('schedule failed', { schedule: schedule.name, error: error instanceof Error ? error.message : String(error) }))
            .finally(arm);
        }, delay),
      );
    };
    arm();
  }
  return () => {
    stopped = true;
    for (const timer of timers.values()) clearTimeout(timer);
  };
}
