/** A local bus on a hand-moved clock, a recording consumer and publish helpers, shared by the bus tests. */
import type { MessageAttributes } from '../../../infra/local/filter-policy';
import { createMessageBus, type BusEvent, type BusTimers, type MessageBusOptions } from '../../../infra/local/message-bus';
import type { SnsNotificationEnvelope, SqsBatchResponse, SqsEvent, SqsRecord } from '../../../shared/ports/sqs-event';
import { topology, type QueueConsumerSpec, type Topology } from '../../../shared/topology';

export const START = Date.UTC(2025, 0, 15, 12, 0, 0);
export const EMAIL_VISIBILITY_MS = topology.queues.email.visibilityTimeoutSeconds * 1000;

/**
 * The declared topology with multi-message batches on two queues (email: 10
 * within a 2 s window; webhook: 5 within 1 s), since the declared workers
 * take one message at a time and the SQS batch semantics need several.
 */
export const batchingTopology = {
  ...topology,
  queues: {
    ...topology.queues,
    email: { ...topology.queues.email, consumer: { ...topology.queues.email.consumer, batchSize: 10, maxBatchingWindowSeconds: 2 } },
    webhook: { ...topology.queues.webhook, consumer: { ...topology.queues.webhook.consumer, batchSize: 5, maxBatchingWindowSeconds: 1 } },
  },
} satisfies Topology;

/** A bus on a hand-moved clock with predictable ids, recording its events; on `batchingTopology` unless told otherwise. */
export function harness<T extends Topology = typeof batchingTopology>(options: MessageBusOptions<T> = {}) {
  let now = START;
  let sequence = 0;
  const events: BusEvent[] = [];
  const bus = createMessageBus<T>({
    topology: batchingTopology as unknown as T,
    now: () => now,
    ids: () => `id-${++sequence}`,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return {
    bus,
    events,
    advance(ms: number) {
      now += ms;
    },
    get now() {
      return now;
    },
  };
}

/** A consumer that records every event and answers with `respond`. */
export function recorder(respond: (event: SqsEvent, call: number) => Promise<SqsBatchResponse | void> = async () => ({ batchItemFailures: [] })) {
  const calls: SqsEvent[] = [];
  const handler = async (event: SqsEvent) => {
    calls.push(event);
    return respond(event, calls.length);
  };
  return { handler, calls, records: () => calls.flatMap((event) => event.Records) };
}

export function attributes(overrides: { kind?: string; change?: 'major' | 'minor'; level?: number } = {}): MessageAttributes {
  const kind = overrides.kind ?? 'security-alert';
  return {
    kind: { DataType: 'String', StringValue: kind },
    countries: { DataType: 'String.Array', StringValue: JSON.stringify(['KE', 'TZ']) },
    regions: { DataType: 'String.Array', StringValue: JSON.stringify(['AF']) },
    sharing: { DataType: 'String', StringValue: 'TLP:CLEAR' },
    change: { DataType: 'String', StringValue: overrides.change ?? 'major' },
    ...(overrides.level !== undefined ? { level: { DataType: 'Number', StringValue: String(overrides.level) } } : {}),
  };
}

export const envelope = (record: SqsRecord) => JSON.parse(record.body) as SnsNotificationEnvelope;
export const publishedIds = (records: SqsRecord[]) => records.map((record) => JSON.parse(envelope(record).Message) as { n: number }).map((m) => m.n);

export async function publishMany(bus: ReturnType<typeof harness>['bus'], count: number, kind = 'security-alert') {
  for (let n = 0; n < count; n += 1) {
    await bus.publish('publications', { message: JSON.stringify({ n }), messageAttributes: attributes({ kind }) });
  }
}

/** The declared topology with the email queue's consumer changed, e.g. to allow more batches at once. */
export function withEmailConsumer(overrides: Partial<QueueConsumerSpec>) {
  const email = topology.queues.email;
  return { ...topology, queues: { ...topology.queues, email: { ...email, consumer: { ...email.consumer, ...overrides } } } } satisfies Topology;
}

/** Timers that run only when the test says so, remembering each one's delay. */
export function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  const timers: BusTimers = {
    setTimeout(callback, ms) {
      next += 1;
      pending.set(next, { callback, ms });
      return next;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    /** The delays of the timers waiting to fire, in the order they were set. */
    delays: () => [...pending.values()].map((timer) => timer.ms),
    /** Fires every timer waiting now (not those they set), then lets the batches they started run. */
    async fireAll() {
      const due = [...pending.entries()];
      for (const [handle] of due) pending.delete(handle);
      for (const [, timer] of due) timer.callback();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** A promise the test settles by hand, e.g. to hold a handler mid-batch. */
export function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
