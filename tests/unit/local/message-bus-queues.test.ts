import { describe, expect, it } from 'vitest';
import { createMessageBus } from '../../../infra/local/message-bus';
import { topology } from '../../../shared/topology';
import { attributes, EMAIL_VISIBILITY_MS, harness, manualTimers, publishedIds, publishMany, recorder, START } from './bus-fixtures';

/** The queue side of the local bus: partial batch failures, visibility, backoff, dead letters and redrive, and polling on timers. */
describe('failures and retries', () => {
  it('redelivers only the messages a partial batch response names', async () => {
    const { bus, advance, events } = harness();
    const email = recorder(async (event, call) => ({
      batchItemFailures: call === 1 ? [{ itemIdentifier: event.Records[1]!.messageId }] : [],
    }));
    bus.registerConsumer('email', email.handler);
    await publishMany(bus, 3);
    await bus.drain();
    expect(email.calls).toHaveLength(1);
    expect(bus.depth('email')).toBe(0);
    expect(bus.inFlight('email')).toBe(1);
    expect(events).toEqual([
      { type: 'batch-failed', queue: 'email', messageIds: [email.calls[0]!.Records[1]!.messageId], reason: 'reported in batchItemFailures' },
    ]);

    advance(EMAIL_VISIBILITY_MS);
    await bus.drain();
    expect(email.calls).toHaveLength(2);
    const retried = email.calls[1]!.Records;
    expect(publishedIds(retried)).toEqual([1]);
    expect(retried[0]!.messageId).toBe(email.calls[0]!.Records[1]!.messageId);
    expect(retried[0]!.attributes.ApproximateReceiveCount).toBe('2');
    expect(retried[0]!.attributes.ApproximateFirstReceiveTimestamp).toBe(String(START));
    expect(retried[0]!.receiptHandle).not.toBe(email.calls[0]!.Records[1]!.receiptHandle);
    expect(bus.inFlight('email')).toBe(0);
  });

  it('redelivers the whole batch when the handler throws', async () => {
    const { bus, advance, events } = harness();
    const email = recorder(async (_event, call) => {
      if (call === 1) throw new Error('SES unavailable');
    });
    bus.registerConsumer('email', email.handler);
    await publishMany(bus, 3);
    await bus.drain();
    expect(bus.inFlight('email')).toBe(3);
    expect(events[0]).toMatchObject({ type: 'batch-failed', queue: 'email', reason: 'Error: SES unavailable' });

    advance(EMAIL_VISIBILITY_MS);
    await bus.drain();
    expect(publishedIds(email.calls[1]!.Records)).toEqual([0, 1, 2]);
    expect(email.calls[1]!.Records.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(['2', '2', '2']);
    expect(bus.inFlight('email')).toBe(0);
  });

  it('treats a response naming a message outside the batch as a failure of the whole batch', async () => {
    const { bus, advance } = harness();
    const email = recorder(async (_event, call) => (call === 1 ? { batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] } : undefined));
    bus.registerConsumer('email', email.handler);
    await publishMany(bus, 2);
    await bus.drain();
    expect(bus.inFlight('email')).toBe(2);
    advance(EMAIL_VISIBILITY_MS);
    await bus.drain();
    expect(email.calls[1]!.Records).toHaveLength(2);
    expect(bus.inFlight('email')).toBe(0);
  });

  it('keeps a failed message invisible until its visibility timeout passes', async () => {
    const { bus, advance } = harness();
    const email = recorder(async (event, call) => ({ batchItemFailures: call === 1 ? [{ itemIdentifier: event.Records[0]!.messageId }] : [] }));
    bus.registerConsumer('email', email.handler);
    await publishMany(bus, 1);
    await bus.drain();
    advance(EMAIL_VISIBILITY_MS - 1);
    expect(await bus.drain()).toBe(0);
    expect(bus.depth('email')).toBe(0);
    expect(bus.inFlight('email')).toBe(1);
    advance(1);
    expect(bus.depth('email')).toBe(1);
    expect(await bus.drain()).toBe(1);
    expect(email.calls).toHaveLength(2);
  });

  it('counts a message as in flight, not visible, while its handler runs', async () => {
    const { bus } = harness();
    const seen: Array<[number, number]> = [];
    bus.registerConsumer(
      'email',
      recorder(async () => {
        seen.push([bus.depth('email'), bus.inFlight('email')]);
      }).handler,
    );
    await publishMany(bus, 1);
    const first = bus.pump();
    const second = bus.pump(); // runs after the first batch settles, as batches of one queue do
    expect(await first).toBe(1);
    expect(await second).toBe(0);
    expect(seen).toEqual([[0, 1]]);
    expect([bus.depth('email'), bus.inFlight('email')]).toEqual([0, 0]);
  });

  it('uses the backoff option instead of the visibility timeout when given', async () => {
    const { bus, advance } = harness({ backoff: (receiveCount) => 10 * receiveCount });
    const email = recorder(async (_event, call) => {
      if (call <= 2) throw new Error('throttled');
    });
    bus.registerConsumer('email', email.handler);
    await publishMany(bus, 1);
    await bus.drain();
    advance(9_999);
    expect(await bus.drain()).toBe(0);
    advance(1);
    expect(await bus.drain()).toBe(1);
    advance(19_999);
    expect(await bus.drain()).toBe(0);
    advance(1);
    expect(await bus.drain()).toBe(1);
    expect(email.calls).toHaveLength(3);
    expect(bus.inFlight('email')).toBe(0);
  });
});

describe('dead letters', () => {
  async function exhaust() {
    const h = harness();
    let failing = true;
    const email = recorder(async (event) => {
      if (failing) throw new Error(`SES rejected batch of ${event.Records.length}`);
    });
    h.bus.registerConsumer('email', email.handler);
    await publishMany(h.bus, 2);
    const { maxReceiveCount } = topology.queues.email.deadLetter;
    for (let receive = 1; receive <= maxReceiveCount; receive += 1) {
      expect(await h.bus.drain()).toBe(2);
      h.advance(EMAIL_VISIBILITY_MS);
    }
    const firstIds = email.calls[0]!.Records.map((record) => record.messageId);
    return { ...h, email, firstIds, succeed: () => (failing = false) };
  }

  it('moves a message to the dead-letter queue after maxReceiveCount receives, keeping the last reason', async () => {
    const { bus, email, events, firstIds, now } = await exhaust();
    const { maxReceiveCount } = topology.queues.email.deadLetter;
    expect(email.calls).toHaveLength(maxReceiveCount);
    expect(email.calls.at(-1)!.Records[0]!.attributes.ApproximateReceiveCount).toBe(String(maxReceiveCount));
    expect(bus.deadLetters('email')).toEqual([]);

    expect(await bus.drain()).toBe(0);
    expect(email.calls).toHaveLength(maxReceiveCount);
    const letters = bus.deadLetters('email');
    expect(letters.map((letter) => letter.messageId)).toEqual(firstIds);
    expect(letters[0]).toMatchObject({
      queue: 'email',
      receiveCount: maxReceiveCount,
      reason: 'Error: SES rejected batch of 2',
      sentAt: START,
      deadLetteredAt: now,
    });
    expect(JSON.parse(letters[0]!.body)).toMatchObject({ Type: 'Notification' });
    expect([bus.depth('email'), bus.inFlight('email')]).toEqual([0, 0]);
    expect(events.filter((event) => event.type === 'dead-lettered')).toHaveLength(2);
    expect(bus.deadLetters('sms')).toEqual([]);
  });

  it('redrives dead letters to their queue with the same message id and a fresh receive count', async () => {
    const { bus, email, firstIds, succeed } = await exhaust();
    await bus.drain();
    succeed();
    expect(bus.redrive('email')).toBe(2);
    expect(bus.deadLetters('email')).toEqual([]);
    expect(bus.depth('email')).toBe(2);
    await bus.drain();
    const replay = email.calls.at(-1)!.Records;
    expect(replay.map((record) => record.messageId)).toEqual(firstIds);
    expect(replay.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(['1', '1']);
    expect([bus.depth('email'), bus.inFlight('email')]).toEqual([0, 0]);
  });

  it('redrives only the chosen dead letters', async () => {
    const { bus, firstIds } = await exhaust();
    await bus.drain();
    expect(bus.redrive('email', { messageIds: [firstIds[1]!] })).toBe(1);
    expect(bus.deadLetters('email').map((letter) => letter.messageId)).toEqual([firstIds[0]]);
    expect(bus.depth('email')).toBe(1);
  });

  it('hands out copies, so inspecting a dead letter cannot change it', async () => {
    const { bus } = await exhaust();
    await bus.drain();
    const [letter] = bus.deadLetters('email');
    letter!.reason = 'tampered';
    expect(bus.deadLetters('email')[0]!.reason).toMatch(/^Error: SES rejected/);
  });
});

describe('dispatching on its own', () => {
  it('starts a batch as soon as a message is sent, holds a partial batch for its window, and sets no timer when idle', async () => {
    const manual = manualTimers();
    // The declared channel queues have no batching window; this one gives email a 2 s window, as SQS event source mappings allow.
    const email2s = { ...topology.queues.email, consumer: { ...topology.queues.email.consumer, maxBatchingWindowSeconds: 2 } };
    const windowed = { ...topology, queues: { ...topology.queues, email: email2s } };
    const { bus, advance } = harness({ timers: manual.timers, topology: windowed });
    const email = recorder();
    const sms = recorder();
    bus.registerConsumer('email', email.handler);
    bus.registerConsumer('sms', sms.handler);
    bus.start();
    await manual.fireAll();
    expect(manual.delays()).toEqual([]); // nothing to wait for: no polling

    await publishMany(bus, 1);
    expect(manual.delays()).toEqual([0, 0]);
    await manual.fireAll();
    // SMS has no batching window; email waits up to its window for a fuller batch, on a timer set for the window's end.
    expect(sms.calls).toHaveLength(1);
    expect(email.calls).toHaveLength(0);
    const windowMs = windowed.queues.email.consumer.maxBatchingWindowSeconds * 1000;
    expect(manual.delays()).toEqual([windowMs]);

    advance(windowMs);
    await manual.fireAll();
    expect(email.calls).toHaveLength(1);
    expect(manual.delays()).toEqual([]);

    await bus.stop();
    await publishMany(bus, 1);
    expect(manual.delays()).toEqual([]);
  });

  it('delivers a full batch without waiting for the window', async () => {
    const manual = manualTimers();
    const { bus } = harness({ timers: manual.timers });
    const email = recorder();
    bus.registerConsumer('email', email.handler);
    await publishMany(bus, topology.queues.email.consumer.batchSize);
    bus.start();
    await manual.fireAll();
    expect(email.calls.map((event) => event.Records.length)).toEqual([topology.queues.email.consumer.batchSize]);
    await bus.stop();
  });

  it('wakes for a failed message when its visibility timeout ends', async () => {
    const manual = manualTimers();
    const { bus, advance } = harness({ timers: manual.timers });
    const sms = recorder(async (_event, call) => {
      if (call === 1) throw new Error('carrier unavailable');
    });
    bus.registerConsumer('sms', sms.handler);
    bus.start();
    await publishMany(bus, 1);
    await manual.fireAll();
    const visibilityMs = topology.queues.sms.visibilityTimeoutSeconds * 1000;
    expect(sms.calls).toHaveLength(1);
    expect(manual.delays()).toEqual([visibilityMs]);
    advance(visibilityMs);
    await manual.fireAll();
    expect(sms.calls.map((event) => event.Records[0]!.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect([bus.depth('sms'), bus.inFlight('sms')]).toEqual([0, 0]);
    await bus.stop();
  });

  it('runs on real timers until stopped', async () => {
    const bus = createMessageBus();
    const sms = recorder();
    bus.registerConsumer('sms', sms.handler);
    bus.start();
    await bus.publish('publications', { message: '{}', messageAttributes: attributes() });
    await expect.poll(() => sms.calls.length, { timeout: 5_000 }).toBe(1);
    await bus.stop();
    await bus.publish('publications', { message: '{}', messageAttributes: attributes() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sms.calls).toHaveLength(1);
    expect(bus.depth('sms')).toBe(1);
  });
});
