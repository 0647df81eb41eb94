import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/adapters/system/json-logger';
import type { SnsNotificationEnvelope } from '../../../shared/ports/sqs-event';
import { startLocalRuntime, type LocalRuntime } from '../../../infra/local/runtime';
import { addPerson, makeHarness, publishClearAlert, type Harness } from '../../support/harness';

/**
 * The runtime as `npm start` runs it: poller and bus on their own timers.
 * What was written before it started (the seed) is not announced.
 */

let h: Harness;
let runtime: LocalRuntime;
let publisher: Awaited<ReturnType<typeof addPerson>>;
const emails: string[] = [];

function publishAlert(country: string): Promise<string> {
  return publishClearAlert(h, publisher.key, country);
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let beforeStart: string;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  beforeStart = await publishAlert('BR');
  runtime = await startLocalRuntime({ deps: h.deps, endpoint: h.endpoint, tableName: h.tableName, logger: silentLogger, workers: false });
  runtime.bus.registerConsumer('email', async (event) => {
    for (const record of event.Records) emails.push((JSON.parse((JSON.parse(record.body) as SnsNotificationEnvelope).Message) as { publicationId: string }).publicationId);
  });
});

afterAll(async () => {
  await runtime?.stop();
});

describe('the local runtime', () => {
  it('announces what is published after it starts, within a few seconds, and not what was there before', async () => {
    const started = Date.now();
    const id = await publishAlert('AR');
    await waitFor(() => emails.includes(id));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(emails).not.toContain(beforeStart);
    expect(emails.filter((e) => e === id)).toHaveLength(1);
  });

  it('stops cleanly: nothing is read after stop()', async () => {
    await runtime.stop();
    const id = await publishAlert('CL');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(emails).not.toContain(id);
  });
});
