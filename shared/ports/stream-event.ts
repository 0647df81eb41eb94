import * as z from 'zod';

/**
 * The Lambda event of a DynamoDB stream event source mapping, as zod
 * schemas, so the announce handler parses its boundary and the local poller
 * builds exactly this shape. Images stay in DynamoDB's typed JSON
 * (`{"S": "…"}`, `{"N": "1"}` …); an adapter unmarshalls them.
 */

/** A DynamoDB attribute value in the typed JSON of the stream; binaries are base64 text, as Lambda delivers them. */
export type StreamAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { L: StreamAttributeValue[] }
  | { M: Record<string, StreamAttributeValue> };

const StreamAttributeValueSchema: z.ZodType<StreamAttributeValue> = z.lazy(() =>
  z.union([
    z.object({ S: z.string() }).strict(),
    z.object({ N: z.string() }).strict(),
    z.object({ B: z.string() }).strict(),
    z.object({ BOOL: z.boolean() }).strict(),
    z.object({ NULL: z.literal(true) }).strict(),
    z.object({ SS: z.array(z.string()) }).strict(),
    z.object({ NS: z.array(z.string()) }).strict(),
    z.object({ BS: z.array(z.string()) }).strict(),
    z.object({ L: z.array(StreamAttributeValueSchema) }).strict(),
    z.object({ M: z.record(z.string(), StreamAttributeValueSchema) }).strict(),
  ]),
);

/** An item image: attribute name → typed value. */
export const StreamImageSchema = z.record(z.string(), StreamAttributeValueSchema);
export type StreamImage = z.infer<typeof StreamImageSchema>;

const StreamEventNameSchema = z.enum(['INSERT', 'MODIFY', 'REMOVE']);
export type StreamEventName = z.infer<typeof StreamEventNameSchema>;

/** The `dynamodb` part of a record: keys, images and the position in the shard. */
const StreamRecordDataSchema = z.object({
  ApproximateCreationDateTime: z.number().optional(),
  Keys: StreamImageSchema,
  NewImage: StreamImageSchema.optional(),
  OldImage: StreamImageSchema.optional(),
  /** Decimal digits; unique and increasing within a shard. The `itemIdentifier` of a batch failure. */
  SequenceNumber: z.string().regex(/^\d+$/),
  SizeBytes: z.number().int().nonnegative().optional(),
  StreamViewType: z.enum(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']).optional(),
});

/** One change to one item. */
export const StreamRecordSchema = z.object({
  eventID: z.string(),
  eventName: StreamEventNameSchema,
  eventVersion: z.string().optional(),
  eventSource: z.literal('aws:dynamodb'),
  awsRegion: z.string(),
  eventSourceARN: z.string(),
  dynamodb: StreamRecordDataSchema,
  /** Present for TTL deletions, which DynamoDB itself performs. */
  userIdentity: z.object({ type: z.string(), principalId: z.string() }).optional(),
});
export type StreamRecord = z.infer<typeof StreamRecordSchema>;

/**
 * The invocation event. Records are checked one by one by the handler, so
 * that one malformed record fails alone; the envelope only needs a list.
 */
export const StreamEventSchema = z.object({ Records: z.array(z.unknown()) });
export interface StreamEvent {
  Records: StreamRecord[];
}

/**
 * The partial batch response (`ReportBatchItemFailures`): `itemIdentifier`
 * is the failed record's `SequenceNumber`. The event source mapping retries
 * from the lowest one listed, so records after it come back too.
 */
export interface StreamBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** Turns an image into a plain object (an adapter over `@aws-sdk/util-dynamodb`). */
export type StreamImageDecoder = (image: StreamImage) => Record<string, unknown>;
