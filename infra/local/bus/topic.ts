/**
 * The SNS side of the local bus: what `Publish` accepts, and what a
 * subscribed queue receives for it — the notification envelope (raw message
 * delivery off, the SNS default) or the bare message with its attributes as
 * SQS message attributes (raw delivery on). Which queues receive it is the
 * filter policies' business (`../filter-policy.ts`).
 */
import type { MessageAttributes, MessageAttributeValue } from '../filter-policy';
import type { SnsNotificationEnvelope, SqsMessageAttribute } from '../../../shared/ports/sqs-event';

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

/** Invalid input to `publish` or `sendMessage`, as SNS or SQS would reject it with InvalidParameter. */
export class InvalidPublishError extends Error {
  readonly code = 'invalid-publish';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPublishError';
  }
}

/** SNS and SQS both cap a message with its attributes at 256 KiB. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** Message attribute names as SNS and SQS accept them (no leading, trailing or doubled dot). */
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;

/** Throws unless `name` is an attribute name SNS and SQS accept (AWS reserves the `aws.` and `amazon.` prefixes). */
export function checkAttributeName(name: string): void {
  if (!ATTRIBUTE_NAME.test(name) || /^(aws|amazon)\./i.test(name)) {
    throw new InvalidPublishError(`Message attribute name ${JSON.stringify(name)} is invalid`);
  }
}

/** Rejects what SNS `Publish` would reject, so local mode catches it first. */
export function validatePublish(message: string, attributes: MessageAttributes): void {
  if (typeof message !== 'string' || message.length === 0) throw new InvalidPublishError('Message must be a non-empty string');
  let bytes = Buffer.byteLength(message, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    checkAttributeName(name);
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

/** Where one publish is going: the topic, the subscribed queue and the message's id and time. */
export interface EnvelopeAddress {
  messageId: string;
  topicArn: string;
  timestamp: string;
  queueName: string;
}

/**
 * The SQS body a subscribed queue gets with raw message delivery off. Its
 * `Signature` is a placeholder: nothing here signs.
 */
export function notificationEnvelope(address: EnvelopeAddress, input: PublishInput, attributes: MessageAttributes): SnsNotificationEnvelope {
  const { messageId, topicArn, timestamp, queueName } = address;
  const subscriptionArn = `${topicArn}:${queueName}`;
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

/** SNS attributes as Lambda shows SQS message attributes (raw message delivery only). */
export function toSqsAttributes(attributes: MessageAttributes): Record<string, SqsMessageAttribute> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, attribute]): [string, SqsMessageAttribute] => [
      name,
      attribute.DataType === 'Binary'
        ? { dataType: 'Binary', binaryValue: attributeText(attribute), stringListValues: [], binaryListValues: [] }
        : { dataType: attribute.DataType, stringValue: attribute.StringValue ?? '', stringListValues: [], binaryListValues: [] },
    ]),
  );
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
