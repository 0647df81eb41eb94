/**
 * Stream records as Lambda delivers them: the DynamoDB Streams API gives
 * dates as Date and binaries as bytes; the Lambda event has epoch seconds,
 * base64 binaries and the stream ARN on each record.
 */
import type { AttributeValue, _Record as SdkRecord } from '@aws-sdk/client-dynamodb-streams';
import type { StreamAttributeValue, StreamImage, StreamRecord } from '../../../shared/ports/stream-event';

/** Where a record came from, for the fields the Streams API does not carry. */
export interface RecordSource {
  streamArn: string;
  /** The region the Lambda event names; the record's own (DynamoDB Local says `ddblocal`) when absent. */
  region?: string;
}

/** The SDK's record in the Lambda event shape. */
export function toLambdaRecord(record: SdkRecord, source: RecordSource): StreamRecord {
  const data = record.dynamodb ?? {};
  const created = data.ApproximateCreationDateTime;
  return {
    eventID: record.eventID ?? '',
    eventName: record.eventName ?? 'MODIFY',
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: source.region ?? record.awsRegion ?? 'us-east-1',
    eventSourceARN: source.streamArn,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      Keys: toImage(data.Keys ?? {}),
      ...(data.NewImage ? { NewImage: toImage(data.NewImage) } : {}),
      ...(data.OldImage ? { OldImage: toImage(data.OldImage) } : {}),
      SequenceNumber: data.SequenceNumber ?? '0',
      ...(data.SizeBytes !== undefined ? { SizeBytes: data.SizeBytes } : {}),
      ...(data.StreamViewType ? { StreamViewType: data.StreamViewType } : {}),
    },
    ...(record.userIdentity?.Type && record.userIdentity.PrincipalId
      ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }
      : {}),
  };
}

function toImage(image: Record<string, AttributeValue>): StreamImage {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toValue(value)]));
}

function toValue(value: AttributeValue): StreamAttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toValue) };
  if (value.M !== undefined) return { M: Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, toValue(v)])) };
  // The Streams client reads DynamoDB Local's `{"M":{}}` (an empty map) as `{}`: every other type keeps its key.
  if (Object.keys(value).length === 0) return { M: {} };
  throw new Error('Unsupported attribute value in stream record');
}
