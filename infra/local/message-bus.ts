/**
 * The local stand-in for SNS → SQS → Lambda: an in-process topic fanning out
 * to queues with SQS semantics, built from `shared/topology.ts` so local
 * routing, retries and dead-lettering match the AWS stack's. The pieces:
 * - `bus/topic.ts`: what SNS `Publish` accepts and the notification envelope
 *   a queue receives (raw message delivery is off, the SNS default and the
 *   topology's: the SQS body is `{Type: 'Notification', MessageId, TopicArn,
 *   Message, Timestamp, MessageAttributes: {k: {Type, Value}}, …}` and the
 *   SQS record carries no message attributes of its own);
 * - `filter-policy.ts`: which subscribed queues take a message;
 * - `bus/queue.ts`: SQS semantics (visibility, receive counts, dead-lettering,
 *   redrive);
 * - `bus/consumer.ts`: the event source mapping (up to `maxConcurrency`
 *   batches of a queue at once, partial batch responses, dispatch on sends
 *   and visibility timeouts rather than a polling interval).
 * `sendMessage` is SQS SendMessage to one queue: no envelope, no filter
 * policy; the body and attributes are the record's own.
 */
import { randomUUID } from 'node:crypto';
import { topology as declaredTopology, type QueueSpec, type Topology } from '../../shared/topology';
import type { SqsHandler, SqsMessageAttribute } from '../../shared/ports/sqs-event';
import { matchesFilterPolicy, parseFilterPolicy } from './filter-policy';
import { nodeTimers, QueueConsumer, type BusEvent, type BusTimers, type PumpOptions } from './bus/consumer';
import { SqsQueue, validateSend, validateSendBatch, type DeadLetter, type SendMessageBatchEntry } from './bus/queue';
import { InvalidPublishError, notificationEnvelope, toSqsAttributes, validatePublish, type PublishInput, type PublishResult } from './bus/topic';

export type { BusEvent, BusTimers, PumpOptions } from './bus/consumer';
export type { DeadLetter, SendMessageBatchEntry } from './bus/queue';
export { InvalidPublishError, type PublishInput, type PublishResult } from './bus/topic';

/** How to build a bus; every field has a sensible default for `npm start`. */
export interface MessageBusOptions<T extends Topology> {
  /** Defaults to the declared topology. */
  topology?: T;
  /** Epoch milliseconds; inject a fake clock in tests. */
  now?: () => number;
  /** New message ids and receipt handles. */
  ids?: () => string;
  region?: string;
  accountId?: string;
  /**
   * Seconds a failed message stays invisible, given how many times it has
   * been received. Absent: SQS behaviour, it reappears one visibility
   * timeout after it was received.
   */
  backoff?: (receiveCount: number, queue: QueueSpec) => number;
  timers?: BusTimers;
  /** Batch failures and dead-lettering, for logs and alarms. */
  onEvent?: (event: BusEvent) => void;
}

/** The in-process topic and queues. Queue and topic names come from the topology. */
export interface MessageBus<Q extends string, T extends string> {
  /** SNS `Publish`: enqueues on every subscribed queue whose filter policy matches. */
  publish(topic: T, input: PublishInput): Promise<PublishResult>;
  /**
   * SQS `SendMessage` straight to one queue (no topic, no filter policy): the
   * message enters the queue like any other, visible at once, and is
   * received, retried and dead-lettered by the queue's rules. Resolves to
   * the new message id.
   */
  sendMessage(queue: Q, body: string, attributes?: Record<string, SqsMessageAttribute>): Promise<{ messageId: string }>;
  /**
   * SQS `SendMessageBatch`: up to ten messages to one queue, each validated
   * as `sendMessage` validates it, with distinct entry ids. Resolves to the
   * new message ids by entry id. A bad request (no entries, more than ten,
   * a repeated id) rejects and enqueues nothing.
   */
  sendMessageBatch(queue: Q, entries: readonly SendMessageBatchEntry[]): Promise<{ successful: { id: string; messageId: string }[] }>;
  /** Attaches the queue's consumer, as the event source mapping attaches a Lambda. */
  registerConsumer(queue: Q, handler: SqsHandler): void;
  /**
   * One round, for tests: on every queue with a consumer, hands over batches
   * while a slot is free and messages are visible, and waits for them.
   * Resolves to the messages delivered.
   */
  pump(options?: PumpOptions): Promise<number>;
  /** Pumps until nothing visible is left (without moving the clock). Resolves to the messages delivered. */
  drain(options?: { maxRounds?: number }): Promise<number>;
  /** Dispatches on its own for the running platform: batches start as messages become visible; batching windows apply. */
  start(): void;
  /** Stops dispatching and waits for every batch in flight. */
  stop(): Promise<void>;
  /** Messages available for receipt (ApproximateNumberOfMessages). */
  depth(queue: Q): number;
  /** Messages received and neither deleted nor visible again (ApproximateNumberOfMessagesNotVisible). */
  inFlight(queue: Q): number;
  /** The queue's dead-letter queue, oldest first. */
  deadLetters(queue: Q): readonly DeadLetter[];
  /** Moves dead letters (all, or the given message ids) back to their queue; resolves to how many moved. */
  redrive(queue: Q, options?: { messageIds?: readonly string[] }): number;
  queueArn(queue: Q): string;
  topicArn(topic: T): string;
}

/**
 * Builds the bus from a topology (by default the declared one), parsing
 * every filter policy now so a bad one fails at start-up.
 *
 * @example
 * const bus = createMessageBus();
 * bus.registerConsumer('email', deliverEmail);
 * bus.start();
 * await bus.publish('publications', { message, messageAttributes });
 */
export function createMessageBus<T extends Topology = typeof declaredTopology>(
  options: MessageBusOptions<T> = {},
): MessageBus<keyof T['queues'] & string, keyof T['topics'] & string> {
  return new LocalMessageBus(options.topology ?? declaredTopology, options);
}

class LocalMessageBus<Q extends string, T extends string> implements MessageBus<Q, T> {
  private readonly queues = new Map<string, SqsQueue>();
  private readonly consumers = new Map<string, QueueConsumer>();
  private readonly topics: ReadonlySet<string>;
  private readonly now: () => number;
  private readonly ids: () => string;
  private readonly region: string;
  private readonly accountId: string;
  private readonly timers: BusTimers;
  private started = false;

  constructor(
    topology: Topology,
    private readonly options: MessageBusOptions<Topology>,
  ) {
    this.now = options.now ?? Date.now;
    this.ids = options.ids ?? randomUUID;
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    this.timers = options.timers ?? nodeTimers;
    this.topics = new Set(Object.keys(topology.topics));
    for (const [name, spec] of Object.entries(topology.queues)) {
      if (!this.topics.has(spec.subscription.topic)) {
        throw new Error(`Queue ${name} subscribes to unknown topic ${spec.subscription.topic}`);
      }
      const arn = `arn:aws:sqs:${this.region}:${this.accountId}:${name}`;
      const policy = parseFilterPolicy(spec.subscription.filterPolicy);
      this.queues.set(name, new SqsQueue({ name, spec, arn, policy, region: this.region, now: this.now, ids: this.ids }));
    }
  }

  async publish(topic: T, input: PublishInput): Promise<PublishResult> {
    if (!this.topics.has(topic)) throw new InvalidPublishError(`Unknown topic ${topic}`);
    const attributes = input.messageAttributes ?? {};
    validatePublish(input.message, attributes);
    const messageId = this.ids();
    const topicArn = this.topicArn(topic);
    const timestamp = new Date(this.now()).toISOString();
    const deliveredTo: string[] = [];
    for (const queue of this.queues.values()) {
      const subscription = queue.spec.subscription;
      if (subscription.topic !== topic || !matchesFilterPolicy(queue.policy, attributes)) continue;
      if (subscription.rawMessageDelivery) queue.enqueue(input.message, toSqsAttributes(attributes));
      else queue.enqueue(JSON.stringify(notificationEnvelope({ messageId, topicArn, timestamp, queueName: queue.name }, input, attributes)), {});
      deliveredTo.push(queue.name);
    }
    return { messageId, deliveredTo };
  }

  async sendMessage(queue: Q, body: string, attributes: Record<string, SqsMessageAttribute> = {}): Promise<{ messageId: string }> {
    const state = this.queue(queue);
    validateSend(body, attributes);
    return { messageId: state.enqueue(body, structuredClone(attributes)) };
  }

  async sendMessageBatch(queue: Q, entries: readonly SendMessageBatchEntry[]): Promise<{ successful: { id: string; messageId: string }[] }> {
    const state = this.queue(queue);
    validateSendBatch(entries);
    return { successful: entries.map((entry) => ({ id: entry.id, messageId: state.enqueue(entry.body, structuredClone(entry.attributes ?? {})) })) };
  }

  registerConsumer(queue: Q, handler: SqsHandler): void {
    const state = this.queue(queue);
    if (this.consumers.has(queue)) throw new Error(`Queue ${queue} already has a consumer`);
    const backoff = this.options.backoff ? { backoff: this.options.backoff } : {};
    const consumer = new QueueConsumer(state, handler, { ...backoff, emit: (event) => this.emit(event), now: this.now, timers: this.timers });
    this.consumers.set(queue, consumer);
    if (this.started) consumer.start();
  }

  async pump(options: PumpOptions = {}): Promise<number> {
    // Queues in topology order, so a round hands batches over in the same order every time.
    const consumers = [...this.queues.keys()].flatMap((name) => this.consumers.get(name) ?? []);
    const counts = await Promise.all(consumers.map((consumer) => consumer.pump(options)));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  async drain(options: { maxRounds?: number } = {}): Promise<number> {
    const maxRounds = options.maxRounds ?? 1000;
    let total = 0;
    for (let round = 0; round < maxRounds; round += 1) {
      const delivered = await this.pump();
      if (delivered === 0) return total;
      total += delivered;
    }
    throw new Error(`Bus still busy after ${maxRounds} rounds: does a consumer keep publishing?`);
  }

  start(): void {
    this.started = true;
    for (const consumer of this.consumers.values()) consumer.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.stop()));
  }

  depth(queue: Q): number {
    return this.queue(queue).depth();
  }

  inFlight(queue: Q): number {
    return this.queue(queue).inFlight();
  }

  deadLetters(queue: Q): readonly DeadLetter[] {
    return this.queue(queue).deadLetters();
  }

  redrive(queue: Q, options: { messageIds?: readonly string[] } = {}): number {
    return this.queue(queue).redrive(options.messageIds);
  }

  queueArn(queue: Q): string {
    return this.queue(queue).arn;
  }

  topicArn(topic: T): string {
    return `arn:aws:sns:${this.region}:${this.accountId}:${topic}`;
  }

  private queue(name: string): SqsQueue {
    const state = this.queues.get(name);
    if (!state) throw new Error(`Unknown queue ${name}`);
    return state;
  }

  private emit(event: BusEvent): void {
    this.options.onEvent?.(event);
  }
}
