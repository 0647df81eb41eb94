/**
 * The local stand-in for SNS → SQS → Lambda: an in-process topic fanning out
 * to queues with SQS semantics, built from `shared/topology.ts` so local
 * routing, retries and dead-lettering match the AWS stack's.
 *
 * Choices, all as AWS does it unless said otherwise:
 * - Raw message delivery is off (the SNS default and the topology's): the SQS
 *   body is the SNS notification envelope `{Type: 'Notification', MessageId,
 *   TopicArn, Message, Timestamp, MessageAttributes: {k: {Type, Value}}, …}`
 *   and the SQS record carries no message attributes of its own. The
 *   envelope's `Signature` is a placeholder: nothing here signs.
 * - A received message stays invisible until deleted or until its visibility
 *   timeout passes; a failed message therefore comes back one visibility
 *   timeout after it was received, unless `backoff` says otherwise.
 * - SQS moves a message to the dead-letter queue when it would be received
 *   for the (maxReceiveCount + 1)th time; the last failure reason is kept.
 * - Partial batch responses: listed messages are retried, the rest deleted.
 *   A thrown error, or a response naming a message not in the batch, fails
 *   the whole batch (Lambda treats a malformed response as a total failure).
 * - Redriven dead letters keep their message id, so idempotent consumers
 *   still recognise work they already did; their receive count restarts.
 * - `sendMessage` is SQS SendMessage to one queue: no envelope, no filter
 *   policy; the body and attributes are the record's own.
 * - Not modelled: message retention, delay queues, FIFO, handler timeouts,
 *   concurrent consumers of one queue (batches of a queue run one at a time).
 */
import { createHash, randomUUID } from 'node:crypto';
import { topology as declaredTopology, type QueueSpec, type Topology } from '../../shared/topology';
import { matchesFilterPolicy, parseFilterPolicy, type MessageAttributes, type MessageAttributeValue } from './filter-policy';
import type { FilterPolicy } from '../../shared/topology';
import type { SnsNotificationEnvelope, SqsBatchResponse, SqsEvent, SqsHandler, SqsMessageAttribute, SqsRecord } from '../../shared/ports/sqs-event';

/** What `publish` takes: the SNS `Publish` message, attributes and optional subject. */
export interface PublishInput {
  message: string;
  messageAttributes?: MessageAttributes;
  subject?: string;
}

/** The SNS message id, and the queues whose filter policy accepted the message. */
export interface PublishResult {
  messageId: string;
  deliveredTo: string[];
}

/** A message SQS gave up on, kept for operators to inspect and redrive. */
export interface DeadLetter {
  queue: string;
  messageId: string;
  body: string;
  receiveCount: number;
  /** Why the last attempt failed: the thrown error, or that the handler reported the item. */
  reason: string;
  /** SQS-level attributes (present with raw message delivery only). */
  messageAttributes: Record<string, SqsMessageAttribute>;
  sentAt: number;
  deadLetteredAt: number;
}

/** Something operators would see as a metric or alarm in AWS. */
export type BusEvent =
  | { type: 'batch-failed'; queue: string; messageIds: string[]; reason: string }
  | { type: 'dead-lettered'; queue: string; messageId: string; reason: string };

/** Timer functions, injectable so `start()` can be driven by hand in tests. */
export interface BusTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

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

/** Options for one polling round. */
export interface PumpOptions {
  /**
   * Hold a partial batch until the queue's maximum batching window has
   * passed since its oldest message became visible, as the event source
   * mapping does. Off by default so tests need not move the clock.
   */
  respectBatchingWindow?: boolean;
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
  /** Attaches the queue's consumer, as the event source mapping does. */
  registerConsumer(queue: Q, handler: SqsHandler): void;
  /** One polling round: at most one batch per queue that has a consumer. Resolves to the messages delivered. */
  pump(options?: PumpOptions): Promise<number>;
  /** Pumps until nothing visible is left (without moving the clock). Resolves to the messages delivered. */
  drain(options?: { maxRounds?: number }): Promise<number>;
  /** Polls on timers for the running platform; batching windows apply. */
  start(options?: { pollIntervalMs?: number }): void;
  /** Stops polling and waits for the batch under way. */
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

/** Invalid input to `publish`, as SNS would reject it with InvalidParameter. */
export class InvalidPublishError extends Error {
  readonly code = 'invalid-publish';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPublishError';
  }
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

interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, SqsMessageAttribute>;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  receiptHandle?: string;
  lastError?: string;
}

interface QueueState {
  name: string;
  spec: QueueSpec;
  arn: string;
  policy: FilterPolicy;
  messages: StoredMessage[];
  deadLetters: DeadLetter[];
  consumer?: SqsHandler;
  /** Batches of one queue run one after another: each pump chains onto this. */
  tail: Promise<void>;
}

const MAX_MESSAGE_BYTES = 256 * 1024;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;
const SENDER_ID = 'AIDALOCALSNSSTANDIN';

class LocalMessageBus<Q extends string, T extends string> implements MessageBus<Q, T> {
  private readonly queues = new Map<string, QueueState>();
  private readonly topics: ReadonlySet<string>;
  private readonly now: () => number;
  private readonly ids: () => string;
  private readonly region: string;
  private readonly accountId: string;
  private readonly timers: BusTimers;
  private readonly options: MessageBusOptions<Topology>;
  private polling?: { handle?: unknown; stopped: boolean; tick?: Promise<void> };

  constructor(topology: Topology, options: MessageBusOptions<Topology>) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.ids = options.ids ?? randomUUID;
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.topics = new Set(Object.keys(topology.topics));
    for (const [name, spec] of Object.entries(topology.queues)) {
      if (!this.topics.has(spec.subscription.topic)) {
        throw new Error(`Queue ${name} subscribes to unknown topic ${spec.subscription.topic}`);
      }
      this.queues.set(name, {
        name,
        spec,
        arn: `arn:aws:sqs:${this.region}:${this.accountId}:${name}`,
        policy: parseFilterPolicy(spec.subscription.filterPolicy),
        messages: [],
        deadLetters: [],
        tail: Promise.resolve(),
      });
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
      const raw = subscription.rawMessageDelivery;
      const body = raw ? input.message : JSON.stringify(this.envelope({ messageId, topicArn, timestamp, queue, input, attributes }));
      this.enqueue(queue, body, raw ? toSqsAttributes(attributes) : {});
      deliveredTo.push(queue.name);
    }
    return { messageId, deliveredTo };
  }

  async sendMessage(queue: Q, body: string, attributes: Record<string, SqsMessageAttribute> = {}): Promise<{ messageId: string }> {
    const state = this.queue(queue);
    validateSend(body, attributes);
    return { messageId: this.enqueue(state, body, structuredClone(attributes)) };
  }

  registerConsumer(queue: Q, handler: SqsHandler): void {
    const state = this.queue(queue);
    if (state.consumer) throw new Error(`Queue ${queue} already has a consumer`);
    state.consumer = handler;
  }

  async pump(options: PumpOptions = {}): Promise<number> {
    const counts = await Promise.all(
      [...this.queues.values()].filter((queue) => queue.consumer).map((queue) => this.pumpQueue(queue, options)),
    );
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

  start(options: { pollIntervalMs?: number } = {}): void {
    if (this.polling && !this.polling.stopped) return;
    const interval = options.pollIntervalMs ?? 100;
    const polling: { handle?: unknown; stopped: boolean; tick?: Promise<void> } = { stopped: false };
    this.polling = polling;
    const tick = (): void => {
      polling.tick = this.pump({ respectBatchingWindow: true })
        .then(
          () => undefined,
          (error: unknown) => this.emit({ type: 'batch-failed', queue: '*', messageIds: [], reason: describe(error) }),
        )
        .finally(() => {
          if (!polling.stopped) polling.handle = this.timers.setTimeout(tick, interval);
        });
    };
    polling.handle = this.timers.setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    const polling = this.polling;
    if (!polling) return;
    polling.stopped = true;
    if (polling.handle !== undefined) this.timers.clearTimeout(polling.handle);
    await polling.tick;
  }

  depth(queue: Q): number {
    const now = this.now();
    return this.queue(queue).messages.filter((message) => message.visibleAt <= now).length;
  }

  inFlight(queue: Q): number {
    const now = this.now();
    return this.queue(queue).messages.filter((message) => message.visibleAt > now).length;
  }

  deadLetters(queue: Q): readonly DeadLetter[] {
    return this.queue(queue).deadLetters.map((letter) => structuredClone(letter));
  }

  redrive(queue: Q, options: { messageIds?: readonly string[] } = {}): number {
    const state = this.queue(queue);
    const wanted = options.messageIds ? new Set(options.messageIds) : undefined;
    const moving = state.deadLetters.filter((letter) => !wanted || wanted.has(letter.messageId));
    state.deadLetters = state.deadLetters.filter((letter) => !moving.includes(letter));
    const now = this.now();
    for (const letter of moving) {
      state.messages.push({
        messageId: letter.messageId,
        body: letter.body,
        md5OfBody: md5(letter.body),
        messageAttributes: structuredClone(letter.messageAttributes),
        sentAt: now,
        visibleAt: now,
        receiveCount: 0,
      });
    }
    return moving.length;
  }

  queueArn(queue: Q): string {
    return this.queue(queue).arn;
  }

  topicArn(topic: T): string {
    return `arn:aws:sns:${this.region}:${this.accountId}:${topic}`;
  }

  private queue(name: string): QueueState {
    const state = this.queues.get(name);
    if (!state) throw new Error(`Unknown queue ${name}`);
    return state;
  }

  private enqueue(queue: QueueState, body: string, messageAttributes: Record<string, SqsMessageAttribute>): string {
    const now = this.now();
    const messageId = this.ids();
    queue.messages.push({ messageId, body, md5OfBody: md5(body), messageAttributes, sentAt: now, visibleAt: now, receiveCount: 0 });
    return messageId;
  }

  private envelope(args: {
    messageId: string;
    topicArn: string;
    timestamp: string;
    queue: QueueState;
    input: PublishInput;
    attributes: MessageAttributes;
  }): SnsNotificationEnvelope {
    const { messageId, topicArn, timestamp, queue, input, attributes } = args;
    const subscriptionArn = `${topicArn}:${queue.name}`;
    const envelope: SnsNotificationEnvelope = {
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: topicArn,
      ...(input.subject !== undefined ? { Subject: input.subject } : {}),
      Message: input.message,
      Timestamp: timestamp,
      SignatureVersion: '1',
      Signature: 'UNSIGNED-LOCAL-STAND-IN',
      SigningCertURL: 'https://sns.local.invalid/SimpleNotificationService.pem',
      UnsubscribeURL: `https://sns.local.invalid/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
    };
    const entries = Object.entries(attributes);
    if (entries.length > 0) {
      envelope.MessageAttributes = Object.fromEntries(
        entries.map(([name, attribute]) => [name, { Type: attribute.DataType, Value: attributeText(attribute) }]),
      );
    }
    return envelope;
  }

  private pumpQueue(queue: QueueState, options: PumpOptions): Promise<number> {
    const run = queue.tail.then(() => this.receiveAndProcess(queue, options));
    queue.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async receiveAndProcess(queue: QueueState, options: PumpOptions): Promise<number> {
    const consumer = queue.consumer;
    if (!consumer) return 0;
    const now = this.now();
    this.deadLetterExhausted(queue, now);
    const visible = queue.messages.filter((message) => message.visibleAt <= now);
    if (visible.length === 0) return 0;
    const { batchSize, maxBatchingWindowSeconds } = queue.spec.consumer;
    if (options.respectBatchingWindow && visible.length < batchSize) {
      const oldest = Math.min(...visible.map((message) => message.visibleAt));
      if (now < oldest + maxBatchingWindowSeconds * 1000) return 0;
    }
    const batch = visible.slice(0, batchSize);
    for (const message of batch) {
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.receiptHandle = this.ids();
      message.visibleAt = now + queue.spec.visibilityTimeoutSeconds * 1000;
    }
    const handles = new Map(batch.map((message) => [message, message.receiptHandle]));
    const event: SqsEvent = { Records: batch.map((message) => this.record(queue, message)) };

    let failed: { ids: ReadonlySet<string>; reason: string };
    try {
      const response = await consumer(event);
      failed = failures(response, batch, queue.spec.consumer.reportBatchItemFailures);
    } catch (error) {
      failed = { ids: new Set(batch.map((message) => message.messageId)), reason: describe(error) };
    }

    const finishedAt = this.now();
    for (const message of batch) {
      // A message re-received meanwhile belongs to that newer receipt.
      if (handles.get(message) !== message.receiptHandle) continue;
      if (failed.ids.has(message.messageId)) {
        message.lastError = failed.reason;
        if (this.options.backoff) message.visibleAt = finishedAt + this.options.backoff(message.receiveCount, queue.spec) * 1000;
      } else {
        queue.messages = queue.messages.filter((kept) => kept !== message);
      }
    }
    if (failed.ids.size > 0) this.emit({ type: 'batch-failed', queue: queue.name, messageIds: [...failed.ids], reason: failed.reason });
    return batch.length;
  }

  /** SQS moves a message to the DLQ instead of delivering it once it has used up its receives. */
  private deadLetterExhausted(queue: QueueState, now: number): void {
    const { maxReceiveCount } = queue.spec.deadLetter;
    const exhausted = queue.messages.filter((message) => message.visibleAt <= now && message.receiveCount >= maxReceiveCount);
    if (exhausted.length === 0) return;
    queue.messages = queue.messages.filter((message) => !exhausted.includes(message));
    for (const message of exhausted) {
      const reason = message.lastError ?? 'not deleted before its visibility timeout expired';
      queue.deadLetters.push({
        queue: queue.name,
        messageId: message.messageId,
        body: message.body,
        receiveCount: message.receiveCount,
        reason,
        messageAttributes: message.messageAttributes,
        sentAt: message.sentAt,
        deadLetteredAt: now,
      });
      this.emit({ type: 'dead-lettered', queue: queue.name, messageId: message.messageId, reason });
    }
  }

  private record(queue: QueueState, message: StoredMessage): SqsRecord {
    return {
      messageId: message.messageId,
      receiptHandle: message.receiptHandle ?? '',
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: SENDER_ID,
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: structuredClone(message.messageAttributes),
      md5OfBody: message.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: this.region,
    };
  }

  private emit(event: BusEvent): void {
    this.options.onEvent?.(event);
  }
}

/**
 * Which messages of a batch failed, by Lambda's rules for partial batch
 * responses: no response or an empty list is total success; a malformed
 * response, or one naming an unknown message, is total failure.
 */
function failures(response: unknown, batch: readonly StoredMessage[], reportBatchItemFailures: boolean): { ids: ReadonlySet<string>; reason: string } {
  const none = { ids: new Set<string>(), reason: '' };
  if (!reportBatchItemFailures || response === undefined || response === null) return none;
  const all = (reason: string) => ({ ids: new Set(batch.map((message) => message.messageId)), reason });
  if (typeof response !== 'object') return all('invalid batch response: not an object');
  const list = (response as Partial<SqsBatchResponse>).batchItemFailures;
  if (list === undefined || list === null) return none;
  if (!Array.isArray(list)) return all('invalid batch response: batchItemFailures is not an array');
  const inBatch = new Set(batch.map((message) => message.messageId));
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

/** Rejects what SNS `Publish` would reject, so local mode catches it first. */
function validatePublish(message: string, attributes: MessageAttributes): void {
  if (typeof message !== 'string' || message.length === 0) throw new InvalidPublishError('Message must be a non-empty string');
  let bytes = Buffer.byteLength(message, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!ATTRIBUTE_NAME.test(name) || /^(aws|amazon)\./i.test(name)) {
      throw new InvalidPublishError(`Message attribute name ${JSON.stringify(name)} is invalid`);
    }
    const text = attribute.StringValue;
    bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.DataType, 'utf8');
    if (attribute.DataType === 'Binary') {
      if (!attribute.BinaryValue || attribute.BinaryValue.length === 0) throw new InvalidPublishError(`Message attribute ${name} needs a BinaryValue`);
      bytes += attribute.BinaryValue.length;
      continue;
    }
    if (text === undefined || text.length === 0) throw new InvalidPublishError(`Message attribute ${name} needs a non-empty StringValue`);
    bytes += Buffer.byteLength(text, 'utf8');
    if (attribute.DataType === 'Number' && (text.trim() === '' || !Number.isFinite(Number(text)))) {
      throw new InvalidPublishError(`Message attribute ${name} is a Number but ${JSON.stringify(text)} is not numeric`);
    }
    if (attribute.DataType === 'String.Array' && !isJsonArray(text)) {
      throw new InvalidPublishError(`Message attribute ${name} is a String.Array but its value is not a JSON array`);
    }
    if (!['String', 'String.Array', 'Number'].includes(attribute.DataType)) {
      throw new InvalidPublishError(`Message attribute ${name} has unsupported DataType ${JSON.stringify(attribute.DataType)}`);
    }
  }
  if (bytes > MAX_MESSAGE_BYTES) throw new InvalidPublishError(`Message and attributes exceed ${MAX_MESSAGE_BYTES} bytes`);
}

/** Rejects what SQS `SendMessage` would reject: an empty body, or body and attributes over 256 KiB. */
function validateSend(body: string, attributes: Record<string, SqsMessageAttribute>): void {
  if (typeof body !== 'string' || body.length === 0) throw new InvalidPublishError('MessageBody must be a non-empty string');
  let bytes = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!ATTRIBUTE_NAME.test(name) || /^(aws|amazon)\./i.test(name)) throw new InvalidPublishError(`Message attribute name ${JSON.stringify(name)} is invalid`);
    bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.dataType, 'utf8') + Buffer.byteLength(attribute.stringValue ?? attribute.binaryValue ?? '', 'utf8');
  }
  if (bytes > MAX_MESSAGE_BYTES) throw new InvalidPublishError(`Message body and attributes exceed ${MAX_MESSAGE_BYTES} bytes`);
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

function attributeText(attribute: MessageAttributeValue): string {
  if (attribute.DataType === 'Binary') return Buffer.from(attribute.BinaryValue ?? new Uint8Array()).toString('base64');
  return attribute.StringValue ?? '';
}

/** SNS attributes as Lambda shows SQS message attributes (raw message delivery only). */
function toSqsAttributes(attributes: MessageAttributes): Record<string, SqsMessageAttribute> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, attribute]): [string, SqsMessageAttribute] => [
      name,
      attribute.DataType === 'Binary'
        ? { dataType: 'Binary', binaryValue: attributeText(attribute), stringListValues: [], binaryListValues: [] }
        : { dataType: attribute.DataType, stringValue: attribute.StringValue ?? '', stringListValues: [], binaryListValues: [] },
    ]),
  );
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `non-error thrown: ${String(error)}`;
}
