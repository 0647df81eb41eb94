import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/adapters/system/json-logger';
import type { SnsNotificationEnvelope } from '../../../shared/ports/sqs-event';
import { startLocalRuntime, type LocalRuntime } from '../../../infra/local/runtime';
import { addPerson, makeHarness, publishClearAlert, type Harness } from '../../support/harness';

/**
 * The runtime with a stream checkpoint file (`npm start -- --persist`) on
 * DynamoDB Local's real stream: a first start skips what is already there,
 * and a later start resumes where the last one stopped, so what was
 * published while nothing was running is announced, once.
 */

let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let dir: string;
let checkpointFile: string;
const announced: string[] = [];
const running: LocalRuntime[] = [];

function publishAlert(country: string): Promise<string> {
  return publishClearAlert(h, publisher.key, country);
}

async function startRuntime(): Promise<LocalRuntime> {
  const runtime = await startLocalRuntime({
    deps: h.deps,
    endpoint: h.endpoint,
    tableName: h.tableName,
    logger: silentLogger,
    workers: false,
    schedules: false,
    streamCheckpointFile: checkpointFile,
  });
  running.push(runtime);
  runtime.bus.registerConsumer('email', async (event) => {
    for (const record of event.Records) announced.push((JSON.parse((JSON.parse(record.body) as SnsNotificationEnvelope).Message) as { publicationId: string }).publicationId);
  });
  return runtime;
}

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  dir = mkdtempSync(join(tmpdir(), 'outpost-resume-'));
  checkpointFile = join(dir, 'stream-checkpoints.json');
});

afterAll(async () => {
  for (const runtime of running) await runtime.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the local runtime with a stream checkpoint file', () => {
  it('skips what was there before its first start, and after a restart announces what was published while it was stopped, once', async () => {
    const beforeFirstStart = await publishAlert('BR');
    const first = await startRuntime();
    const saved = JSON.parse(readFileSync(checkpointFile, 'utf8')) as { shards: Record<string, string> };
    expect(Object.values(saved.shards).length).toBeGreaterThan(0); // LATEST pinned as a sequence number, before anything new arrived

    const whileRunning = await publishAlert('AR');
    await expect.poll(() => announced.includes(whileRunning), { timeout: 10_000 }).toBe(true);
    await first.stop();

    const whileStopped = await publishAlert('CL');
    const second = await startRuntime();
    await expect.poll(() => announced.includes(whileStopped), { timeout: 10_000 }).toBe(true);
    await second.stop(); // waits for the round and the batches under way
    expect(announced.filter((id) => id === whileStopped)).toHaveLength(1);
    expect(announced.filter((id) => id === whileRunning)).toHaveLength(1);
    expect(announced).not.toContain(beforeFirstStart);
  });
});
