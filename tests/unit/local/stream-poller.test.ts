import { describe, expect, it } from 'vitest';
import { createStreamPoller, type StreamHandler } from '../../../infra/local/stream-poller';
import type { StreamBatchResponse, StreamEvent } from '../../../shared/ports/stream-event';
import { fakeStreams, keyOf, STREAM_ARN, type FakeShard } from './stream-fixtures';

describe('the local stream poller', () => {
  it('starts at LATEST (what was written before init is not handed over) and hands over Lambda-shaped records', async () => {
    const shards = new Map([['s1', { records: [], closed: false } as FakeShard]]);
    const { client, write } = fakeStreams(shards);
    write('s1', 'seed');
    const seen: string[][] = [];
    const poller = createStreamPoller({ client, streamArn: STREAM_ARN, handler: async (e) => void seen.push(keyOf(e)) });
    await poller.init();
    write('s1', 'a');
    await poller.drain();
    expect(seen).toEqual([['a']]);
    const captured: StreamEvent[] = [];
    await createStreamPoller({ client, streamArn: STREAM_ARN, startingPosition: 'TRIM_HORIZON', handler: async (e) => void captured.push(e) }).drain();
    const event = captured[0];
    expect(event?.Records[0]).toMatchObject({ eventSource: 'aws:dynamodb', eventSourceARN: STREAM_ARN, dynamodb: { SequenceNumber: '000001' } });
  });

  it('after a partial failure, hands over the failed record and every later one again', async () => {
    const shards = new Map([['s1', { records: [], closed: false } as FakeShard]]);
    const { client, write } = fakeStreams(shards);
    const seen: string[][] = [];
    let failOnce = true;
    const handler: StreamHandler = async (event) => {
      seen.push(keyOf(event));
      const b = event.Records.find((r) => (r.dynamodb.Keys.pk as { S: string }).S === 'b');
      if (b && failOnce) {
        failOnce = false;
        return { batchItemFailures: [{ itemIdentifier: b.dynamodb.SequenceNumber }] } satisfies StreamBatchResponse;
      }
      return { batchItemFailures: [] };
    };
    const poller = createStreamPoller({ client, streamArn: STREAM_ARN, handler });
    await poller.init();
    for (const key of ['a', 'b', 'c']) write('s1', key);
    await poller.drain();
    expect(seen).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c'],
    ]);
    expect(poller.checkpoints()).toEqual({ s1: '000003' });
  });

  it('gives up a record that keeps failing after its retries and moves on', async () => {
    const shards = new Map([['s1', { records: [], closed: false } as FakeShard]]);
    const { client, write } = fakeStreams(shards);
    const seen: string[][] = [];
    const handler: StreamHandler = async (event) => {
      seen.push(keyOf(event));
      if (keyOf(event)[0] === 'poison') throw new Error('always fails');
    };
    const poller = createStreamPoller({ client, streamArn: STREAM_ARN, handler, spec: { batchSize: 10, retryAttempts: 2 } });
    await poller.init();
    write('s1', 'poison');
    write('s1', 'fine');
    await poller.drain();
    expect(seen).toEqual([['poison', 'fine'], ['poison', 'fine'], ['poison', 'fine'], ['fine']]);
    expect(poller.failures()).toMatchObject([{ shardId: 's1', sequenceNumber: '000001', attempts: 3, reason: 'Error: always fails' }]);
  });

  it('reads a child shard from its start once its parent is read to the end', async () => {
    const shards = new Map([['parent', { records: [], closed: false } as FakeShard]]);
    const { client, write } = fakeStreams(shards);
    const seen: string[][] = [];
    const poller = createStreamPoller({ client, streamArn: STREAM_ARN, handler: async (e) => void seen.push(keyOf(e)), describeIntervalMs: 0 });
    await poller.init();
    write('parent', 'p1');
    shards.set('child', { records: [], closed: false, parent: 'parent' });
    write('child', 'c1');
    (shards.get('parent') as FakeShard).closed = true;
    write('parent', 'p2');
    await poller.drain();
    expect(seen.flat()).toEqual(['p1', 'p2', 'c1']);
  });

  it('splits what it reads into batches of the topology batch size', async () => {
    const shards = new Map([['s1', { records: [], closed: false } as FakeShard]]);
    const { client, write } = fakeStreams(shards);
    const sizes: number[] = [];
    const poller = createStreamPoller({ client, streamArn: STREAM_ARN, handler: async (e) => void sizes.push(e.Records.length) });
    await poller.init();
    for (let i = 0; i < 23; i += 1) write('s1', `k${i}`);
    expect(await poller.drain()).toBe(23);
    expect(sizes).toEqual([10, 10, 3]);
  });
});
