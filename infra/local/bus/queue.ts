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

/** One queue with its dead-letter queue. */
export class SqsQueue {
  readonly name: string;
  readonly spec: QueueSpec;
  readonly arn: string;
  readonly policy: FilterPolicy;
  private messages: StoredMessage[] = [];
  private dead: DeadLetter[] = [];

  constructor(private readonly options: QueueOptions) {
    this.name = options.name;
    this.spec = options.spec;
    this.arn = options.arn;
    this.policy = options.policy;
  }

  /** Adds a message, visible at once; resolves to its new message id. */
  enqueue(body: string, messageAttributes: Record<string, SqsMessageAttribute>): string {
    const now = this.options.now();
    const messageId = this.options.ids();
    this.messages.push({ messageId, body, md5OfBody: md5(body), messageAttributes, sentAt: now, visibleAt: now, receiveCount: 0 });
    return messageId;
  }

  /** Messages available for receipt (ApproximateNumberOfMessages). */
  depth(): number {
    const now = this.options.now();
    return this.messages.filter((message) => message.visibleAt <= now).length;
  }

  /** Messages received and neither deleted nor visible again (ApproximateNumberOfMessagesNotVisible). */
  inFlight(): number {
    const now = this.options.now();
    return this.messages.filter((message) => message.visibleAt > now).length;
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
      this.messages.push({
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

  /** At `now`, moves every visible message that has used up its receives to the dead-letter queue instead of delivering it; answers those moved. */
  deadLetterExhausted(now: number): DeadLetter[] {
    const { maxReceiveCount } = this.spec.deadLetter;
    const exhausted = this.messages.filter((message) => message.visibleAt <= now && message.receiveCount >= maxReceiveCount);
    if (exhausted.length === 0) return [];
    this.messages = this.messages.filter((message) => !exhausted.includes(message));
    const letters = exhausted.map(
      (message): DeadLetter => ({
        queue: this.name,
        messageId: message.messageId,
        body: message.body,
        receiveCount: message.receiveCount,
        reason: message.lastError ?? 'not deleted before its visibility timeout expired',
        messageAttributes: message.messageAttributes,
        sentAt: message.sentAt,
        deadLetteredAt: now,
      }),
    );
    this.dead.push(...letters);
    return letters;
  }

  /**
   * Receives up to the consumer's batch size of messages visible at `now`, making
   * them invisible for the visibility timeout. With `respectBatchingWindow`,
   * a partial batch waits until the maximum batching window has passed since
   * its oldest message became visible, as the event source mapping does.
   * Undefined when there is nothing to hand over yet.
   */
  receive(now: number, respectBatchingWindow: boolean): Receipt | undefined {
    const visible = this.messages.filter((message) => message.visibleAt <= now);
    if (visible.length === 0) return undefined;
    const { batchSize, maxBatchingWindowSeconds } = this.spec.consumer;
    if (respectBatchingWindow && visible.length < batchSize) {
      const oldest = Math.min(...visible.map((message) => message.visibleAt));
      if (now < oldest + maxBatchingWindowSeconds * 1000) return undefined;
    }
    const batch = visible.slice(0, batchSize);
    for (const message of batch) {
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.receiptHandle = this.options.ids();
      message.visibleAt = now + this.spec.visibilityTimeoutSeconds * 1000;
    }
    return {
      event: { Records: batch.map((message) => this.record(message)) },
      messageIds: batch.map((message) => message.messageId),
      handles: new Map(batch.map((message) => [message, message.receiptHandle])),
    };
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
        this.messages = this.messages.filter((kept) => kept !== message);
      }
    }
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

/** Rejects what SQS `SendMessage` would reject: an empty body, or body and attributes over 256 KiB. */
export function validateSend(body: string, attributes: Record<string, SqsMessageAttribute>): void {
  if (typeof body !== 'string' || body.length === 0) throw new InvalidPublishError('MessageBody must be a non-empty string');
  let bytes = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    checkAttributeName(name);
    bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.dataType, 'utf8') + Buffer.byteLength(attribute.stringValue ?? attribute.binaryValue ?? '', 'utf8');
  }
  if (bytes > MAX_MESSAGE_BYTES) throw new InvalidPublishError(`Message body and attributes exceed ${MAX_MESSAGE_BYTES} bytes`);
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
