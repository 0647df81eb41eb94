/**
 * One SQS queue of the local bus: messages with their visibility, receive
 * counts and receipt handles, and the queue's dead-letter queue.
 *
 * As SQS does it:
 * - A received message stays invisible until deleted or until its visibility
 *   timeout passes; a failed message therefore comes back one visibility
 *   timeout after it was received, unless a backoff says otherwise.
 * - A message moves to the dead-letter queue when it would be received for
 *   the (maxReceiveCount + 1)th time; the last failure reason is kept.
 * - Redriven dead letters keep their message id, so idempotent consumers
 *   still recognise work they already did; their receive count restarts.
 * Not modelled: message retention, delay queues, FIFO.
 */
import { createHash } from 'node:crypto';
import type { FilterPolicy, QueueSpec } from '../../../shared/topology';
import type { SqsEvent, SqsMessageAttribute, SqsRecord } from '../../../shared/ports/sqs-event';
import { checkAttributeName, InvalidPublishError, MAX_MESSAGE_BYTES } from './topic';

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

/** A message as the queue keeps it between receives. */
export interface StoredMessage {
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

/** A batch taken from the queue: the Lambda event, and the receipts it was taken with. */
export interface Receipt {
  event: SqsEvent;
  messageIds: readonly string[];
  /** Each message with the receipt handle of this receive, to tell it from a later receive of the same message. */
  readonly handles: ReadonlyMap<StoredMessage, string | undefined>;
}

/** What a queue is built from; `now` and `ids` are the bus's clock and id source. */
export interface QueueOptions {
  name: string;
  spec: QueueSpec;
  arn: string;
  /** The parsed filter policy of the queue's topic subscription. */
  policy: FilterPolicy;
  region: string;
  now: () => number;
  ids: () => string;
}

const SENDER_ID = 'AIDALOCALSNSSTANDIN';

/** What one receive came to: the batch to hand over (if any), and the messages it moved to the dead-letter queue instead. */
export interface ReceiveResult {
  receipt?: Receipt;
  deadLettered: DeadLetter[];
}

/** One queue with its dead-letter queue. */
export class SqsQueue {
  readonly name: string;
  readonly spec: QueueSpec;
  readonly arn: string;
  readonly policy: FilterPolicy;
  /** In the order they were sent; a Set so that deleting a message does not walk the queue. */
  private readonly messages = new Set<StoredMessage>();
  private dead: DeadLetter[] = [];
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly options: QueueOptions) {
    this.name = options.name;
    this.spec = options.spec;
    this.arn = options.arn;
    this.policy = options.policy;
  }

  /** Calls `listener` whenever a message is added (sent or redriven), so a consumer can start a batch without polling. */
  onMessage(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Adds a message, visible at once; resolves to its new message id. */
  enqueue(body: string, messageAttributes: Record<string, SqsMessageAttribute>): string {
    const now = this.options.now();
    const messageId = this.options.ids();
    this.messages.add({ messageId, body, md5OfBody: md5(body), messageAttributes, sentAt: now, visibleAt: now, receiveCount: 0 });
    this.notify();
    return messageId;
  }

  /** Messages available for receipt (ApproximateNumberOfMessages). */
  depth(): number {
    const now = this.options.now();
    return this.count((message) => message.visibleAt <= now);
  }

  /** Messages received and neither deleted nor visible again (ApproximateNumberOfMessagesNotVisible). */
  inFlight(): number {
    const now = this.options.now();
    return this.count((message) => message.visibleAt > now);
  }

  /** The dead-letter queue, oldest first, as copies. */
  deadLetters(): DeadLetter[] {
    return this.dead.map((letter) => structuredClone(letter));
  }

  /** Moves dead letters (all, or the given message ids) back to the queue; answers how many moved. */
  redrive(messageIds?: readonly string[]): number {
    const wanted = messageIds ? new Set(messageIds) : undefined;
    const moving = this.dead.filter((letter) => !wanted || wanted.has(letter.messageId));
    this.dead = this.dead.filter((letter) => !moving.includes(letter));
    const now = this.options.now();
    for (const letter of moving) {
      this.messages.add({
        messageId: letter.messageId,
        body: letter.body,
        md5OfBody: md5(letter.body),
        messageAttributes: structuredClone(letter.messageAttributes),
        sentAt: now,
        visibleAt: now,
        receiveCount: 0,
      });
    }
    if (moving.length > 0) this.notify();
    return moving.length;
  }

  /**
   * Receives up to the consumer's batch size of messages visible at `now`,
   * making them invisible for the visibility timeout. A visible message that
   * has used up its receives goes to the dead-letter queue instead of into
   * the batch (one instant for both, so none dodges the check and is still
   * received). With `respectBatchingWindow`, a partial batch waits until the
   * maximum batching window has passed since its oldest message became
   * visible, as the event source mapping does; it is then left where it is.
   */
  receive(now: number, respectBatchingWindow: boolean): ReceiveResult {
    const { batchSize, maxBatchingWindowSeconds } = this.spec.consumer;
    const { maxReceiveCount } = this.spec.deadLetter;
    const batch: StoredMessage[] = [];
    const deadLettered: DeadLetter[] = [];
    // Stops at a full batch: a long queue costs one batch's worth of steps past the messages in flight.
    for (const message of this.messages) {
      if (batch.length === batchSize) break;
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= maxReceiveCount) deadLettered.push(this.deadLetter(message, now));
      else batch.push(message);
    }
    if (batch.length === 0) return { deadLettered };
    if (respectBatchingWindow && batch.length < batchSize) {
      const oldest = Math.min(...batch.map((message) => message.visibleAt));
      if (now < oldest + maxBatchingWindowSeconds * 1000) return { deadLettered };
    }
    for (const message of batch) {
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.receiptHandle = this.options.ids();
      message.visibleAt = now + this.spec.visibilityTimeoutSeconds * 1000;
    }
    const receipt: Receipt = {
      event: { Records: batch.map((message) => this.record(message)) },
      messageIds: batch.map((message) => message.messageId),
      handles: new Map(batch.map((message) => [message, message.receiptHandle])),
    };
    return { receipt, deadLettered };
  }

  /**
   * The next instant after `now` at which `receive` may hand over something
   * it would not at `now`: a received or failed message becoming visible
   * again, or the batching window of waiting messages ending. Undefined when
   * only a new message could change anything.
   */
  nextChange(now: number): number | undefined {
    const windowMs = this.spec.consumer.maxBatchingWindowSeconds * 1000;
    let next: number | undefined;
    for (const message of this.messages) {
      const at = message.visibleAt > now ? message.visibleAt : message.visibleAt + windowMs;
      if (at > now && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /**
   * Settles a received batch: deletes the messages that succeeded, and
   * leaves the failed ones to come back when their visibility timeout ends
   * (or after `backoffSeconds`, when given), remembering why they failed.
   */
  settle(receipt: Receipt, failed: { ids: ReadonlySet<string>; reason: string }, backoffSeconds?: (receiveCount: number) => number): void {
    const finishedAt = this.options.now();
    for (const [message, handle] of receipt.handles) {
      // A message re-received meanwhile belongs to that newer receipt.
      if (handle !== message.receiptHandle) continue;
      if (failed.ids.has(message.messageId)) {
        message.lastError = failed.reason;
        if (backoffSeconds) message.visibleAt = finishedAt + backoffSeconds(message.receiveCount) * 1000;
      } else {
        this.messages.delete(message);
      }
    }
  }

  private deadLetter(message: StoredMessage, now: number): DeadLetter {
    this.messages.delete(message);
    const letter: DeadLetter = {
      queue: this.name,
      messageId: message.messageId,
      body: message.body,
      receiveCount: message.receiveCount,
      reason: message.lastError ?? 'not deleted before its visibility timeout expired',
      messageAttributes: message.messageAttributes,
      sentAt: message.sentAt,
      deadLetteredAt: now,
    };
    this.dead.push(letter);
    return letter;
  }

  private count(predicate: (message: StoredMessage) => boolean): number {
    let n = 0;
    for (const message of this.messages) if (predicate(message)) n += 1;
    return n;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private record(message: StoredMessage): SqsRecord {
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
      eventSourceARN: this.arn,
      awsRegion: this.options.region,
    };
  }
}

/** Rejects what SQS `SendMessage` would reject: an empty body, or body and attributes over 256 KiB. Answers their size in bytes. */
export function validateSend(body: string, attributes: Record<string, SqsMessageAttribute>): number {
  if (typeof body !== 'string' || body.length === 0) throw new InvalidPublishError('MessageBody must be a non-empty string');
  let bytes = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    checkAttributeName(name);
    bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.dataType, 'utf8') + Buffer.byteLength(attribute.stringValue ?? attribute.binaryValue ?? '', 'utf8');
  }
  if (bytes > MAX_MESSAGE_BYTES) throw new InvalidPublishError(`Message body and attributes exceed ${MAX_MESSAGE_BYTES} bytes`);
  return bytes;
}

/** One entry of an SQS `SendMessageBatch` request. */
export interface SendMessageBatchEntry {
  /** Unique within the request: letters, digits, `-` and `_`, at most 80. */
  id: string;
  body: string;
  attributes?: Record<string, SqsMessageAttribute>;
}

const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Rejects what SQS `SendMessageBatch` would reject: no entries or more than
 * ten, an entry id that is malformed or repeated, an entry `SendMessage`
 * would reject, or entries together over 256 KiB. (SQS reports a bad
 * message in its `Failed` list and sends the rest; rejecting the whole
 * request keeps callers from ignoring it locally.)
 */
export function validateSendBatch(entries: readonly SendMessageBatchEntry[]): void {
  if (entries.length === 0) throw new InvalidPublishError('SendMessageBatch needs at least one entry');
  if (entries.length > MAX_BATCH_ENTRIES) throw new InvalidPublishError(`SendMessageBatch takes at most ${MAX_BATCH_ENTRIES} entries, not ${entries.length}`);
  const ids = new Set<string>();
  let bytes = 0;
  for (const entry of entries) {
    if (!BATCH_ENTRY_ID.test(entry.id)) throw new InvalidPublishError(`Batch entry id ${JSON.stringify(entry.id)} must be 1–80 letters, digits, - or _`);
    if (ids.has(entry.id)) throw new InvalidPublishError(`Batch entry id ${entry.id} is not distinct`);
    ids.add(entry.id);
    bytes += validateSend(entry.body, entry.attributes ?? {});
  }
  if (bytes > MAX_MESSAGE_BYTES) throw new InvalidPublishError(`Batch entries together exceed ${MAX_MESSAGE_BYTES} bytes`);
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
