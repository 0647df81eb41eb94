import * as z from 'zod';

/**
 * The Lambda SQS event and batch response, typed here so the local bus hands
 * handlers exactly what the AWS event source mapping does, and the one
 * schema of the SNS envelope that SQS consumers parse.
 */

/** System attributes of a received message; SQS sends every value as a string. */
export interface SqsRecordAttributes {
  ApproximateReceiveCount: string;
  SentTimestamp: string;
  SenderId: string;
  ApproximateFirstReceiveTimestamp: string;
  AWSTraceHeader?: string;
}

/** A message attribute as Lambda presents it (camelCase, unlike the SQS API). */
export interface SqsMessageAttribute {
  dataType: string;
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
}

/** One message in an SQS-triggered invocation. */
export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: SqsRecordAttributes;
  messageAttributes: Record<string, SqsMessageAttribute>;
  md5OfBody: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

/** The event an SQS event source mapping invokes a handler with. */
export interface SqsEvent {
  Records: SqsRecord[];
}

/** Names one message of the batch that failed and must come back. */
export interface SqsBatchItemFailure {
  itemIdentifier: string;
}

/**
 * The partial batch response: only the listed messages are retried, the
 * rest are deleted. An empty list (or no response) means all succeeded.
 */
export interface SqsBatchResponse {
  batchItemFailures: SqsBatchItemFailure[];
}

/**
 * A queue consumer. Throwing fails the whole batch, as it does in Lambda.
 * (A Lambda handler's `context` argument must be optional to fit.)
 */
/** What a handler may read of its invocation: Lambda's context, or the local bus's stand-in built from the function's timeout. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

export type SqsHandler = (event: SqsEvent, context?: InvocationContext) => Promise<SqsBatchResponse | void>;

/** An attribute inside the SNS envelope: `Type` is the SNS data type, `Value` its text. */
export interface SnsEnvelopeAttribute {
  Type: string;
  Value: string;
}

/**
 * What consumers read of the SNS envelope (raw message delivery off): the
 * notification's id and its `Message`. Other members are allowed and ignored.
 */
export const SnsEnvelopeSchema = z.object({ Type: z.literal('Notification'), MessageId: z.string(), Message: z.string() }).loose();

/**
 * The SNS notification envelope that is the SQS body when raw message
 * delivery is off (the SNS default for SQS subscriptions).
 */
export interface SnsNotificationEnvelope {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  UnsubscribeURL: string;
  MessageAttributes?: Record<string, SnsEnvelopeAttribute>;
}
