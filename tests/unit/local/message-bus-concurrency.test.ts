import { describe, expect, it } from 'vitest';
import { createMessageBus, InvalidPublishError } from '../../../infra/local/message-bus';
import type { SqsEvent } from '../../../shared/ports/sqs-event';
import { topology } from '../../../shared/topology';
import { EMAIL_VISIBILITY_MS, gate, harness, manualTimers, recorder, withEmailConsumer } from './bus-fixtures';

/** Concurrent batches of one queue (the consumer's maxConcurrency), and SendMessageBatch. */

/** A handler that holds every batch until the test opens its gate, counting batches running at once. */
function heldHandler() {
  const batches: { event: SqsEvent; release: () => void }[] = [];
  let running = 0;
  let most = 0;
  const handler = async (event: SqsEvent) => {
    running += 1;
    most = Math.max(most, running);
    const held = gate();
    batches.push({ event, release: held.open });
    await held.opened;
    running -= 1;
  };
  return {
    handler,
    batches,
    running: () => running,
    most: () => most,
    ids: (index: number) => batches[index]!.event.Records.map((record) => record.messageId),
    releaseAll: () => batches.forEach((batch) => batch.release()),
  };
}

/** mulberry32: a small seeded generator, so a failing interleaving repeats with its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function sendMany(bus: { sendMessage(queue: 'email', body: string): Promise<unknown> }, count: number, prefix: string) {
  for (let n = 0; n < count; n += 1) await bus.sendMessage('email', `${prefix}-${n}`);
}

describe('concurrent batches of one queue', () => {
  it('runs up to maxConcurrency batches at once, each of distinct messages, and starts the next as one settles', async () => {
    const manual = manualTimers();
    const { bus } = harness({ topology: withEmailConsumer({ maxConcurrency: 3, batchSize: 4, maxBatchingWindowSeconds: 0 }), timers: manual.timers });
    const held = heldHandler();
    bus.registerConsumer('email', held.handler);
    bus.start();
    await sendMany(bus, 20, 'bounded');
    await manual.fireAll();
    expect(held.batches).toHaveLength(3);
    expect(held.running()).toBe(3);
    expect(new Set([0, 1, 2].flatMap(held.ids)).size).toBe(12);
    expect([bus.depth('email'), bus.inFlight('email')]).toEqual([8, 12]);

    held.batches[1]!.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.batches).toHaveLength(4); // the freed slot is refilled without a timer
    expect(held.running()).toBe(3);

    for (let round = 0; round < 20 && bus.depth('email') + bus.inFlight('email') > 0; round += 1) {
      held.releaseAll();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await bus.stop();
    expect(held.most()).toBe(3);
    const delivered = held.batches.flatMap((batch) => batch.event.Records.map((record) => record.body));
    expect(delivered.sort()).toEqual(Array.from({ length: 20 }, (_, n) => `bounded-${n}`).sort());
  });

  it('runs batches one at a time when the topology gives no maxConcurrency', async () => {
    const { maxConcurrency, ...withoutMax } = topology.queues.email.consumer;
    expect(maxConcurrency).toBeGreaterThan(1);
    const email = topology.queues.email;
    const bus = createMessageBus({ topology: { ...topology, queues: { ...topology.queues, email: { ...email, consumer: { ...withoutMax, batchSize: 2 } } } } });
    const held = heldHandler();
    bus.registerConsumer('email', held.handler);
    await sendMany(bus, 25, 'serial');
    const round = bus.pump();
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.running()).toBe(1);
    held.releaseAll();
    expect(await round).toBe(2);
    expect(held.most()).toBe(1);
  });

  it('never hands one message to two batches in flight, whatever order batches settle in', async () => {
    const seed = 20261130;
    const random = seededRandom(seed);
    const bus = createMessageBus({ topology: withEmailConsumer({ maxConcurrency: 8, batchSize: 10, maxBatchingWindowSeconds: 0 }) });
    const inFlight = new Set<string>();
    const seen = new Map<string, number>();
    let overlaps = 0;
    bus.registerConsumer('email', async (event) => {
      const ids = event.Records.map((record) => record.messageId);
      for (const id of ids) {
        if (inFlight.has(id)) overlaps += 1;
        inFlight.add(id);
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
      for (const id of ids) inFlight.delete(id);
    });
    bus.start();
    const sends = Array.from({ length: 300 }, (_, n) => bus.sendMessage('email', `distinct-${n}`));
    await Promise.all(sends);
    await expect.poll(() => seen.size, { timeout: 10_000 }).toBe(300);
    await bus.stop();
    expect(overlaps, `seed ${seed}`).toBe(0);
    expect([...seen.values()].every((count) => count === 1), `seed ${seed}`).toBe(true);
    expect([bus.depth('email'), bus.inFlight('email')]).toEqual([0, 0]);
  });

  it('retries only the messages a batch reports failed while other batches run beside it', async () => {
    const { bus, advance } = harness({ topology: withEmailConsumer({ maxConcurrency: 4, batchSize: 3 }) });
    const email = recorder(async (event) => ({
      batchItemFailures: event.Records.filter((record) => record.body.endsWith('-0') && record.attributes.ApproximateReceiveCount === '1').map((record) => ({
        itemIdentifier: record.messageId,
      })),
    }));
    bus.registerConsumer('email', email.handler);
    for (let n = 0; n < 12; n += 1) await bus.sendMessage('email', `partial-${n % 4}-${Math.floor(n / 4)}`);
    expect(await bus.pump()).toBe(12);
    expect(email.calls).toHaveLength(4);
    const failed = email.records().filter((record) => record.body.endsWith('-0'));
    expect(failed).toHaveLength(4);
    expect([bus.depth('email'), bus.inFlight('email')]).toEqual([0, 4]);

    advance(EMAIL_VISIBILITY_MS);
    expect(await bus.drain()).toBe(4);
    const retried = email.calls.slice(4).flatMap((event) => event.Records);
    expect(retried.map((record) => record.messageId).sort()).toEqual(failed.map((record) => record.messageId).sort());
    expect(retried.every((record) => record.attributes.ApproximateReceiveCount === '2')).toBe(true);
    expect([bus.depth('email'), bus.inFlight('email')]).toEqual([0, 0]);
  });

  it('dead-letters a message after maxReceiveCount receives, however many batches run at once', async () => {
    const { bus, advance, events } = harness({ topology: withEmailConsumer({ maxConcurrency: 8, batchSize: 2 }) });
    const email = recorder(async (event) => ({
      batchItemFailures: event.Records.filter((record) => record.body.startsWith('poison')).map((record) => ({ itemIdentifier: record.messageId })),
    }));
    bus.registerConsumer('email', email.handler);
    for (let n = 0; n < 10; n += 1) await bus.sendMessage('email', n % 3 === 0 ? `poison-${n}` : `fine-${n}`);
    const { maxReceiveCount } = topology.queues.email.deadLetter;
    for (let receive = 1; receive <= maxReceiveCount; receive += 1) {
      await bus.drain();
      advance(EMAIL_VISIBILITY_MS);
    }
    expect(bus.deadLetters('email')).toEqual([]);
    await bus.drain();
    const letters = bus.deadLetters('email');
    expect(letters.map((letter) => letter.body).sort()).toEqual(['poison-0', 'poison-3', 'poison-6', 'poison-9']);
    expect(letters.every((letter) => letter.receiveCount === maxReceiveCount)).toBe(true);
    expect(events.filter((event) => event.type === 'dead-lettered')).toHaveLength(4);
    const fine = email.records().filter((record) => record.body.startsWith('fine'));
    expect(fine).toHaveLength(6);
    expect([bus.depth('email'), bus.inFlight('email')]).toEqual([0, 0]);
  });

  it('stop() waits for every batch in flight, and no batch starts after it', async () => {
    const bus = createMessageBus({ topology: withEmailConsumer({ maxConcurrency: 3, batchSize: 1, maxBatchingWindowSeconds: 0 }) });
    const held = heldHandler();
    bus.registerConsumer('email', held.handler);
    bus.start();
    await sendMany(bus, 5, 'stopping');
    await expect.poll(() => held.running(), { timeout: 5_000 }).toBe(3);
    let stopped = false;
    const stopping = bus.stop().then(() => (stopped = true));
    held.batches[0]!.release();
    held.batches[1]!.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    expect(held.batches).toHaveLength(3);
    held.batches[2]!.release();
    await stopping;
    expect(held.running()).toBe(0);
    expect([bus.depth('email'), bus.inFlight('email')]).toEqual([2, 0]);
    await bus.sendMessage('email', 'after-stop');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held.batches).toHaveLength(3);
  });

  it('rejects a maxConcurrency that is not a positive integer when the consumer is attached', () => {
    for (const maxConcurrency of [0, 1.5]) {
      const { bus } = harness({ topology: withEmailConsumer({ maxConcurrency }) });
      expect(() => bus.registerConsumer('email', recorder().handler)).toThrow(/maxConcurrency/);
    }
  });
});

describe('sendMessageBatch (SQS SendMessageBatch)', () => {
  it('enqueues every entry, answers message ids by entry id, and a burst sent at once reaches one batch', async () => {
    const manual = manualTimers();
    const { bus } = harness({ timers: manual.timers, topology: withEmailConsumer({ maxBatchingWindowSeconds: 0 }) });
    const email = recorder();
    bus.registerConsumer('email', email.handler);
    bus.start();
    await manual.fireAll();
    const entries = Array.from({ length: 10 }, (_, n) => ({ id: `part_${n}`, body: `part ${n}` }));
    const { successful } = await bus.sendMessageBatch('email', entries);
    expect(successful.map((entry) => entry.id)).toEqual(entries.map((entry) => entry.id));
    expect(new Set(successful.map((entry) => entry.messageId)).size).toBe(10);
    await manual.fireAll();
    expect(email.calls).toHaveLength(1);
    expect(email.calls[0]!.Records.map((record) => record.messageId)).toEqual(successful.map((entry) => entry.messageId));
    await bus.stop();
  });

  it('rejects what SendMessageBatch would reject, and enqueues nothing of a rejected request', async () => {
    const { bus } = harness();
    const entry = (id: string, body = 'x') => ({ id, body });
    await expect(bus.sendMessageBatch('email', [])).rejects.toBeInstanceOf(InvalidPublishError);
    await expect(bus.sendMessageBatch('email', Array.from({ length: 11 }, (_, n) => entry(`e${n}`)))).rejects.toThrow(/at most 10/);
    await expect(bus.sendMessageBatch('email', [entry('same'), entry('same')])).rejects.toThrow(/not distinct/);
    await expect(bus.sendMessageBatch('email', [entry('has space')])).rejects.toThrow(/letters, digits/);
    await expect(bus.sendMessageBatch('email', [entry('ok'), entry('empty', '')])).rejects.toThrow(/non-empty/);
    const half = 'x'.repeat(130 * 1024);
    await expect(bus.sendMessageBatch('email', [entry('a', half), entry('b', half)])).rejects.toThrow(/together exceed/);
    expect(bus.depth('email')).toBe(0);
  });
});
