/** A DynamoDB Streams API over in-memory shards, for the stream poller tests. */
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamEvent } from '../../../shared/ports/stream-event';

export const STREAM_ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/1';

export interface FakeShard {
  records: _Record[];
  closed: boolean;
  parent?: string;
  /** How many records at the shard's start have been trimmed away (24 hours old, in DynamoDB). */
  trimmed?: number;
}

/** Iterators are `<shard>|<index>`; sequence numbers are global and zero-padded. Counts GetRecords calls. */
export function fakeStreams(shards: Map<string, FakeShard>) {
  let sequence = 0;
  let getRecordsCalls = 0;
  const shardOf = (id: string) => {
    const shard = shards.get(id);
    if (!shard) throw new ResourceNotFoundException({ message: `no shard ${id}`, $metadata: {} });
    return shard;
  };
  const client = {
    async send(command: unknown) {
      if (command instanceof DescribeStreamCommand) {
        return {
          StreamDescription: {
            Shards: [...shards].map(([id, shard]) => ({
              ShardId: id,
              ...(shard.parent ? { ParentShardId: shard.parent } : {}),
              SequenceNumberRange: {
                StartingSequenceNumber: '1',
                ...(shard.closed ? { EndingSequenceNumber: shard.records.at(-1)?.dynamodb?.SequenceNumber ?? '0' } : {}),
              },
            })),
          },
        };
      }
      if (command instanceof GetShardIteratorCommand) {
        const { ShardId, ShardIteratorType, SequenceNumber } = command.input;
        const shard = shardOf(ShardId as string);
        const horizon = shard.trimmed ?? 0;
        let index: number;
        if (ShardIteratorType === 'LATEST') index = shard.records.length;
        else if (ShardIteratorType === 'TRIM_HORIZON') index = horizon;
        else {
          index = shard.records.findIndex((r) => r.dynamodb?.SequenceNumber === SequenceNumber) + 1;
          if (index <= horizon) throw new TrimmedDataAccessException({ message: `${SequenceNumber} is trimmed`, $metadata: {} });
        }
        return { ShardIterator: `${ShardId}|${index}` };
      }
      if (command instanceof GetRecordsCommand) {
        getRecordsCalls += 1;
        const [id, at] = (command.input.ShardIterator as string).split('|') as [string, string];
        const shard = shardOf(id);
        const records = shard.records.slice(Number(at));
        return { Records: records, ...(shard.closed ? {} : { NextShardIterator: `${id}|${shard.records.length}` }) };
      }
      throw new Error('unexpected command');
    },
  };
  // Each record looks like a new version item, which the announcer's filter (the poller's default consumer) lets through.
  const write = (shardId: string, key: string) => {
    sequence += 1;
    (shards.get(shardId) as FakeShard).records.push({
      eventID: `e${sequence}`,
      eventName: 'INSERT',
      awsRegion: 'ddblocal',
      dynamodb: { Keys: { pk: { S: key } }, NewImage: { pk: { S: key }, type: { S: 'version' } }, SequenceNumber: String(sequence).padStart(6, '0'), StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  };
  return { client: client as unknown as DynamoDBStreamsClient, write, getRecordsCalls: () => getRecordsCalls };
}

/** The partition keys of an event's records, in order. */
export const keyOf = (event: StreamEvent) => event.Records.map((r) => (r.dynamodb.Keys.pk as { S: string }).S);
