import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStreamPoller } from '../../../infra/local/stream-poller';
import { checkpointFile, type Checkpoints, type CheckpointStore } from '../../../infra/local/stream/checkpoint-file';
import type { Logger } from '../../../shared/ports/logger';
import { fakeStreams, keyOf, STREAM_ARN, type FakeShard } from './stream-fixtures';

/** The stream poller's checkpoints across restarts, and its pace on timers. */

/** A store in memory that remembers every save. */
function memoryStore(initial?: Checkpoints) {
  let current = initial;
  const saves: Checkpoints[] = [];
  const store: CheckpointStore = {
    async load(streamArn) {
      return streamArn === STREAM_ARN ? current : undefined;
    },
    async save(_streamArn, checkpoints) {
      current = { ...checkpoints };
      saves.push(current);
    },
  };
  return { store, saves, current: () => current };
}

function recordingLogger() {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: () => {},
    warn: (message, fields) => void warnings.push({ message, ...(fields ? { fields } : {}) }),
    error: () => {},
  };
  return { logger, warnings };
}

function shardsOf(...ids: string[]): Map<string, FakeShard> {
  return new Map(ids.map((id) => [id, { records: [], closed: false }]));
}

describe('checkpoints kept in a store', () => {
  it('on a first start pins LATEST as a sequence number, saves it at once, and saves again as records are handled', async () => {
    const shards = shardsOf('s1');
    const { client, write } = fakeStreams(shards);
    write('s1', 'seed-1');
    write('s1', 'seed-2');
    const memory = memoryStore();
    const seen: string[] = [];
    const poller = createStreamPoller({ client, streamArn: STREAM_ARN, handler: async (e) => void seen.push(...keyOf(e)), checkpointStore: memory.store });
    await poller.init();
    expect(memory.saves).toEqual([{ s1: '000002' }]);
    write('s1', 'after');
    await poller.drain();
    expect(seen).toEqual(['after']);
    expect(memory.current()).toEqual({ s1: '000003' });
    expect(memory.saves).toHaveLength(2); // rounds that moved nothing write nothing
  });

  it('resumes after the saved checkpoints, reading a shard without one from TRIM_HORIZON', async () => {
    const shards = shardsOf('s1', 's2');
    const { client, write } = fakeStreams(shards);
    for (const key of ['a1', 'a2', 'a3']) write('s1', key);
    for (const key of ['b1', 'b2']) write('s2', key);
    const memory = memoryStore({ s1: '000001' });
    const seen: string[] = [];
    const poller = createStreamPoller({ client, streamArn: STREAM_ARN, handler: async (e) => void seen.push(...keyOf(e)), checkpointStore: memory.store });
    await poller.drain();
    expect(seen).toEqual(['a2', 'a3', 'b1', 'b2']);
    expect(memory.current()).toEqual({ s1: '000003', s2: '000005' });
  });

  it('hands over again, after a restart, what was handled but not yet saved (the handler is idempotent)', async () => {
    const shards = shardsOf('s1');
    const { client, write } = fakeStreams(shards);
    const memory = memoryStore({});
    let failSaves = false;
    const flaky: CheckpointStore = {
      load: memory.store.load,
      save: async (arn, checkpoints) => {
        if (failSaves) throw new Error('disk full');
        await memory.store.save(arn, checkpoints);
      },
    };
    const seen: string[] = [];
    const first = createStreamPoller({ client, streamArn: STREAM_ARN, handler: async (e) => void seen.push(...keyOf(e)), checkpointStore: flaky });
    write('s1', 'saved');
    await first.drain();
    failSaves = true;
    write('s1', 'unsaved');
    await expect(first.poll()).rejects.toThrow(/disk full/);
    expect(seen).toEqual(['saved', 'unsaved']);

    const second = createStreamPoller({ client, streamArn: STREAM_ARN, handler: async (e) => void seen.push(...keyOf(e)), checkpointStore: memory.store });
    await second.drain();
    expect(seen).toEqual(['saved', 'unsaved', 'unsaved']);
  });

  it('falls back to TRIM_HORIZON, with a warning, when the saved checkpoint has been trimmed away', async () => {
    const shards = shardsOf('s1');
    const { client, write } = fakeStreams(shards);
    for (const key of ['old-1', 'old-2', 'kept-1', 'kept-2']) write('s1', key);
    shards.get('s1')!.trimmed = 2;
    const { logger, warnings } = recordingLogger();
    const seen: string[] = [];
    const poller = createStreamPoller({
      client,
      streamArn: STREAM_ARN,
      handler: async (e) => void seen.push(...keyOf(e)),
      checkpointStore: memoryStore({ s1: '000001' }).store,
      logger,
    });
    await poller.drain();
    expect(seen).toEqual(['kept-1', 'kept-2']);
    expect(warnings).toMatchObject([{ message: 'stream records trimmed before they were read', fields: { shardId: 's1', checkpoint: '000001' } }]);
  });

  it('drops the checkpoint of a shard the stream no longer has', async () => {
    const shards = shardsOf('s2');
    const { client, write } = fakeStreams(shards);
    write('s2', 'new');
    const memory = memoryStore({ gone: '000042' });
    const seen: string[] = [];
    const poller = createStreamPoller({ client, streamArn: STREAM_ARN, handler: async (e) => void seen.push(...keyOf(e)), checkpointStore: memory.store });
    await poller.drain();
    expect(seen).toEqual(['new']);
    expect(memory.current()).toEqual({ s2: '000001' });
  });

  it('on a first start saves a shard closed before it at its ending sequence number, and never reads it', async () => {
    const shards = new Map<string, FakeShard>([
      ['old', { records: [], closed: false }],
      ['current', { records: [], closed: false, parent: 'old' }],
    ]);
    const { client, write } = fakeStreams(shards);
    write('old', 'history');
    shards.get('old')!.closed = true;
    const memory = memoryStore();
    const seen: string[] = [];
    const poller = createStreamPoller({ client, streamArn: STREAM_ARN, handler: async (e) => void seen.push(...keyOf(e)), checkpointStore: memory.store });
    await poller.init();
    write('current', 'fresh');
    await poller.drain();
    expect(seen).toEqual(['fresh']);
    expect(memory.current()).toEqual({ old: '000001', current: '000002' });
  });
});

describe('pace on timers', () => {
  it('polls again at once after a round that handed records over, and waits the idle interval after one that did not', async () => {
    const shards = shardsOf('s1');
    const { client, write, getRecordsCalls } = fakeStreams(shards);
    for (const key of ['x1', 'x2', 'x3']) write('s1', key);
    const seen: string[] = [];
    const poller = createStreamPoller({
      client,
      streamArn: STREAM_ARN,
      startingPosition: 'TRIM_HORIZON',
      idleIntervalMs: 60_000,
      handler: async (e) => void seen.push(...keyOf(e)),
    });
    await poller.start();
    await expect.poll(() => getRecordsCalls(), { timeout: 5_000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(getRecordsCalls()).toBe(2);
    expect(seen).toEqual(['x1', 'x2', 'x3']);
    await poller.stop();
  });
});

describe('the checkpoint file', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('saves by replacing the whole file and loads what it saved, for its own stream only', async () => {
    dir = mkdtempSync(join(tmpdir(), 'outpost-checkpoints-'));
    const path = join(dir, 'nested', 'stream-checkpoints.json');
    const file = checkpointFile(path);
    expect(await file.load(STREAM_ARN)).toBeUndefined();
    await file.save(STREAM_ARN, { s1: '000001' });
    await file.save(STREAM_ARN, { s1: '000007', s2: '000003' });
    expect(await file.load(STREAM_ARN)).toEqual({ s1: '000007', s2: '000003' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ streamArn: STREAM_ARN, shards: { s1: '000007', s2: '000003' } });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['stream-checkpoints.json']); // no temporary file left behind
    expect(await file.load(`${STREAM_ARN}-recreated`)).toBeUndefined();
  });

  it('reads an unreadable file as "no shard has a checkpoint", with a warning', async () => {
    dir = mkdtempSync(join(tmpdir(), 'outpost-checkpoints-'));
    const path = join(dir, 'stream-checkpoints.json');
    const { logger, warnings } = recordingLogger();
    for (const content of ['{"streamArn": "arn', JSON.stringify({ streamArn: STREAM_ARN, shards: { s1: 'not-a-number' } })]) {
      writeFileSync(path, content);
      expect(await checkpointFile(path, logger).load(STREAM_ARN)).toEqual({});
    }
    expect(warnings.map((warning) => warning.message)).toEqual([
      'stream checkpoint file unreadable; reading every shard from TRIM_HORIZON',
      'stream checkpoint file unreadable; reading every shard from TRIM_HORIZON',
    ]);
  });
});
