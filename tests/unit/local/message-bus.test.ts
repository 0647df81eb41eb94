import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FilterPolicyError, type MessageAttributes } from '../../../infra/local/filter-policy';
import { createMessageBus, InvalidPublishError, type BusEvent, type BusTimers, type MessageBusOptions } from '../../../infra/local/message-bus';
import type { SnsNotificationEnvelope, SqsBatchResponse, SqsEvent, SqsRecord } from '../../../shared/ports/sqs-event';
import { topology, type Topology } from '../../../shared/topology';

const START = Date.UTC(2025, 0, 15, 12, 0, 0);
const EMAIL_VISIBILITY_MS = topology.queues.email.visibilityTimeoutSeconds * 1000;

/** A bus on a hand-moved clock with predictable ids, recording its events. */
function harness<T extends Topology = typeof topology>(options: MessageBusOptions<T> = {}) {
  let now = START;
  let sequence = 0;
  const events: BusEvent[] = [];
  const bus = createMessageBus<T>({
    now: () => now,
    ids: () => `id-${++sequence}`,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return {
    bus,
    events,
    advance(ms: number) {
      now += ms;
    },
    get now() {
      return now;
    },
  };
}

/** A consumer that records every event and answers with `respond`. */
function recorder(respond: (event: SqsEvent, call: number) => Promise<SqsBatchResponse | void> = async () => ({ batchItemFailures: [] })) {
  const calls: SqsEvent[] = [];
  const handler = async (event: SqsEvent) => {
    calls.push(event);
    return respond(event, calls.length);
  };
  return { handler, calls, records: () => calls.flatMap((event) => event.Records) };
}

function attributes(overrides: { kind?: string; change?: 'major' | 'minor'; level?: number } = {}): MessageAttributes {
  const kind = overrides.kind ?? 'security-alert';
  return {
    kind: { DataType: 'String', StringValue: kind },
    countries: { DataType: 'String.Array', StringValue: JSON.stringify(['KE', 'TZ']) },
    regions: { DataType: 'String.Array', StringValue: JSON.stringify(['AF']) },
    sharing: { DataType: 'String', StringValue: 'TLP:CLEAR' },
    change: { DataType: 'String', StringValue: overrides.change ?? 'major' },
    ...(overrides.level !== undefined ? { level: { DataType: 'Number', StringValue: String(overrides.level) } } : {}),
  };
}

const envelope = (record: SqsRecord) => JSON.parse(record.body) as SnsNotificationEnvelope;
const publishedIds = (records: SqsRecord[]) => records.map((record) => JSON.parse(envelope(record).Message) as { n: number }).map((m) => m.n);

async function publishMany(bus: ReturnType<typeof harness>['bus'], count: number, kind = 'security-alert') {
  for (let n = 0; n < count; n += 1) {
    await bus.publish('publications', { message: JSON.stringify({ n }), messageAttributes: attributes({ kind }) });
  }
}

describe('routing by filter policy', () => {
  it('routes a major security alert to email, SMS and webhook', async () => {
    const { bus } = harness();
    const result = await bus.publish('publications', { message: '{"id":"01J"}', messageAttributes: attributes() });
    expect(result.deliveredTo.sort()).toEqual(['email', 'sms', 'webhook']);
    expect([bus.depth('email'), bus.depth('sms'), bus.depth('webhook')]).toEqual([1, 1, 1]);
  });

  it('keeps minor changes off every channel', async () => {
    const { bus } = harness();
    const result = await bus.publish('publications', { message: '{}', messageAttributes: attributes({ change: 'minor' }) });
    expect(result.deliveredTo).toEqual([]);
    expect([bus.depth('email'), bus.depth('sms'), bus.depth('webhook')]).toEqual([0, 0, 0]);
  });

  it('sends SMS only travel advisories and security alerts', async () => {
    const { bus } = harness();
    expect((await bus.publish('publications', { message: '{}', messageAttributes: attributes({ kind: 'country-report' }) })).deliveredTo.sort()).toEqual([
      'email',
      'webhook',
    ]);
    expect(
      (await bus.publish('publications', { message: '{}', messageAttributes: attributes({ kind: 'travel-advisory', level: 3 }) })).deliveredTo.sort(),
    ).toEqual(['email', 'sms', 'webhook']);
    expect(bus.depth('sms')).toBe(1);
  });

  it('rejects a topology whose filter policy is malformed, at construction', () => {
    const broken = {
      ...topology,
      queues: { ...topology.queues, sms: { ...topology.queues.sms, subscription: { ...topology.queues.sms.subscription, filterPolicy: { kind: [] } } } },
    } satisfies Topology;
    expect(() => createMessageBus({ topology: broken })).toThrow(FilterPolicyError);
  });

  it('rejects what SNS Publish would reject', async () => {
    const { bus } = harness();
    const bad = async (messageAttributes: MessageAttributes, message = '{}') => bus.publish('publications', { message, messageAttributes });
    await expect(bad({ level: { DataType: 'Number', StringValue: 'three' } })).rejects.toThrow(InvalidPublishError);
    await expect(bad({ countries: { DataType: 'String.Array', StringValue: 'KE,TZ' } })).rejects.toThrow(/not a JSON array/);
    await expect(bad({ kind: { DataType: 'String', StringValue: '' } })).rejects.toThrow(/non-empty StringValue/);
    await expect(bad({ 'AWS.kind': { DataType: 'String', StringValue: 'x' } })).rejects.toThrow(/name/);
    await expect(bad({}, '')).rejects.toThrow(/non-empty/);
    await expect(bad({}, 'x'.repeat(256 * 1024 + 1))).rejects.toThrow(/exceed/);
    await expect(bus.publish('alerts' as 'publications', { message: '{}' })).rejects.toThrow(/Unknown topic/);
    expect(bus.depth('email')).toBe(0);
  });
});

describe('the Lambda SQS event', () => {
  it('carries the SNS notification envelope in real SQS record shape', async () => {
    const { bus } = harness();
    const email = recorder();
    bus.registerConsumer('email', email.handler);
    const message = JSON.stringify({ id: '01JALERT', title: 'Demonstrations in Nairobi' });
    const { messageId } = await bus.publish('publications', {
      message,
      subject: 'Security alert',
      messageAttributes: attributes({ kind: 'travel-advisory', level: 3 }),
    });
    expect(await bus.drain()).toBeGreaterThan(0);

    expect(email.calls).toHaveLength(1);
    const [record] = email.calls[0]!.Records;
    expect(record).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:email',
      awsRegion: 'us-east-1',
      messageAttributes: {},
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(START), ApproximateFirstReceiveTimestamp: String(START) },
    });
    expect(record!.messageId).not.toBe(messageId);
    expect(record!.receiptHandle).toEqual(expect.any(String));
    expect(record!.attributes.SenderId).toEqual(expect.any(String));
    expect(record!.md5OfBody).toBe(createHash('md5').update(record!.body).digest('hex'));
    expect(envelope(record!)).toEqual({
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:publications',
      Subject: 'Security alert',
      Message: message,
      Timestamp: new Date(START).toISOString(),
      SignatureVersion: '1',
      Signature: expect.any(String),
      SigningCertURL: expect.any(String),
      UnsubscribeURL: expect.stringContaining('Action=Unsubscribe'),
      MessageAttributes: {
        kind: { Type: 'String', Value: 'travel-advisory' },
        countries: { Type: 'String.Array', Value: '["KE","TZ"]' },
        regions: { Type: 'String.Array', Value: '["AF"]' },
        sharing: { Type: 'String', Value: 'TLP:CLEAR' },
        change: { Type: 'String', Value: 'major' },
        level: { Type: 'Number', Value: '3' },
      },
    });
  });

  it('with raw message delivery, the body is the message and attributes ride on the record', async () => {
    const raw = {
      ...topology,
      queues: { ...topology.queues, webhook: { ...topology.queues.webhook, subscription: { ...topology.queues.webhook.subscription, rawMessageDelivery: true } } },
    } satisfies Topology;
    const { bus } = harness({ topology: raw });
    const webhook = recorder();
    bus.registerConsumer('webhook', webhook.handler);
    await bus.publish('publications', { message: '{"id":"01JRAW"}', messageAttributes: attributes() });
    await bus.drain();
    const [record] = webhook.records();
    expect(record!.body).toBe('{"id":"01JRAW"}');
    expect(record!.messageAttributes.kind).toEqual({ dataType: 'String', stringValue: 'security-alert', stringListValues: [], binaryListValues: [] });
    expect(record!.messageAttributes.countries).toMatchObject({ dataType: 'String.Array', stringValue: '["KE","TZ"]' });
  });

  it('delivers in batches of at most the queue batch size', async () => {
    const { bus } = harness();
    const email = recorder();
    const webhook = recorder();
    bus.registerConsumer('email', email.handler);
    bus.registerConsumer('webhook', webhook.handler);
    await publishMany(bus, 12);
    await bus.drain();
    expect(email.calls.map((event) => event.Records.length)).toEqual([10, 2]);
    expect(webhook.calls.map((event) => event.Records.length)).toEqual([5, 5, 2]);
    expect(publishedIds(email.records())).toEqual([...Array(12).keys()]);
    expect(bus.depth('email')).toBe(0);
    expect(bus.inFlight('email')).toBe(0);
  });

  it('leaves messages on a queue without a consumer', async () => {
    const { bus } = harness();
    bus.registerConsumer('email', recorder().handler);
    await publishMany(bus, 2);
    await bus.drain();
    expect(bus.depth('email')).toBe(0);
    expect(bus.depth('sms')).toBe(2);
  });
});

describe('sendMessage (SQS SendMessage to one queue)', () => {
  it('puts the raw body on that queue only, with its attributes, for a later batch', async () => {
    const { bus } = harness();
    const email = recorder();
    const sms = recorder();
    bus.registerConsumer('email', email.handler);
    bus.registerConsumer('sms', sms.handler);
    const attributes = { origin: { dataType: 'String', stringValue: 'continuation', stringListValues: [], binaryListValues: [] } };
    const { messageId } = await bus.sendMessage('email', '{"type":"continuation"}', attributes);
    expect(bus.depth('email')).toBe(1);
    expect(bus.depth('sms')).toBe(0);
    await bus.drain();
    const [record] = email.records();
    expect(record).toMatchObject({ messageId, body: '{"type":"continuation"}', messageAttributes: attributes, eventSourceARN: bus.queueArn('email') });
    expect(record!.md5OfBody).toBe(createHash('md5').update('{"type":"continuation"}').digest('hex'));
    expect(sms.calls).toHaveLength(0);
  });

  it('retries and dead-letters a sent message by the queue rules, like a published one', async () => {
    const { bus, advance } = harness();
    const failing = recorder(async (event) => ({ batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) }));
    bus.registerConsumer('email', failing.handler);
    await bus.sendMessage('email', 'work');
    for (let i = 0; i < topology.queues.email.deadLetter.maxReceiveCount + 1; i += 1) {
      await bus.pump();
      advance(EMAIL_VISIBILITY_MS);
    }
    await bus.pump();
    expect(failing.calls).toHaveLength(topology.queues.email.deadLetter.maxReceiveCount);
    expect(bus.deadLetters('email')).toMatchObject([{ body: 'work', reason: 'reported in batchItemFailures' }]);
  });

  it('sent from inside a consumer, runs in a later batch rather than inline', async () => {
    const { bus } = harness();
    const seen: string[] = [];
    bus.registerConsumer('email', async (event) => {
      for (const record of event.Records) {
        seen.push(record.body);
        if (record.body === 'first') await bus.sendMessage('email', 'second');
      }
    });
    await bus.sendMessage('email', 'first');
    expect(await bus.pump()).toBe(1);
    expect(seen).toEqual(['first']);
    expect(bus.depth('email')).toBe(1);
    await bus.drain();
    expect(seen).toEqual(['first', 'second']);
  });

  it('rejects what SendMessage would reject, and unknown queues', async () => {
    const { bus } = harness();
    await expect(bus.sendMessage('email', '')).rejects.toBeInstanceOf(InvalidPublishError);
    await expect(bus.sendMessage('email', 'x'.repeat(256 * 1024 + 1))).rejects.toBeInstanceOf(InvalidPublishError);
    await expect(bus.sendMessage('nope' as 'email', 'x')).rejects.toThrow(/Unknown queue/);
  });
});

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

describe('polling on timers', () => {
  /** Timers that run only when the test says so. */
  function manualTimers() {
    const pending = new Map<number, () => void>();
    let next = 0;
    const timers: BusTimers = {
      setTimeout(callback) {
        next += 1;
        pending.set(next, callback);
        return next;
      },
      clearTimeout(handle) {
        pending.delete(handle as number);
      },
    };
    return {
      timers,
      pending: () => pending.size,
      async fire() {
        const [[handle, callback]] = [...pending.entries()] as [[number, () => void]];
        pending.delete(handle);
        callback();
        await new Promise((resolve) => setImmediate(resolve));
      },
    };
  }

  it('polls, honours the batching window, and stops', async () => {
    const manual = manualTimers();
    const { bus, advance } = harness({ timers: manual.timers });
    const email = recorder();
    const sms = recorder();
    bus.registerConsumer('email', email.handler);
    bus.registerConsumer('sms', sms.handler);
    await publishMany(bus, 1);

    bus.start({ pollIntervalMs: 50 });
    await manual.fire();
    // SMS has no batching window; email waits up to its window for a fuller batch.
    expect(sms.calls).toHaveLength(1);
    expect(email.calls).toHaveLength(0);

    advance(topology.queues.email.consumer.maxBatchingWindowSeconds * 1000);
    await manual.fire();
    expect(email.calls).toHaveLength(1);
    expect(manual.pending()).toBe(1);

    await bus.stop();
    expect(manual.pending()).toBe(0);
  });

  it('delivers a full batch without waiting for the window', async () => {
    const manual = manualTimers();
    const { bus } = harness({ timers: manual.timers });
    const email = recorder();
    bus.registerConsumer('email', email.handler);
    await publishMany(bus, topology.queues.email.consumer.batchSize);
    bus.start();
    await manual.fire();
    expect(email.calls.map((event) => event.Records.length)).toEqual([topology.queues.email.consumer.batchSize]);
    await bus.stop();
  });

  it('runs on real timers until stopped', async () => {
    const bus = createMessageBus();
    const sms = recorder();
    bus.registerConsumer('sms', sms.handler);
    bus.start({ pollIntervalMs: 5 });
    await bus.publish('publications', { message: '{}', messageAttributes: attributes() });
    await expect.poll(() => sms.calls.length, { timeout: 5_000 }).toBe(1);
    await bus.stop();
    await bus.publish('publications', { message: '{}', messageAttributes: attributes() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sms.calls).toHaveLength(1);
    expect(bus.depth('sms')).toBe(1);
  });
});

describe('the declared topology', () => {
  it('builds a bus from the declared topology', () => {
    const bus = createMessageBus();
    expect(bus.queueArn('sms')).toBe('arn:aws:sqs:us-east-1:000000000000:sms');
    expect(bus.topicArn('publications')).toBe('arn:aws:sns:us-east-1:000000000000:publications');
  });

  it('gives every queue a visibility timeout of at least six times its consumer timeout', () => {
    for (const queue of Object.values(topology.queues)) {
      expect(queue.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * queue.consumer.handler.timeoutSeconds);
    }
  });

  it('registering a second consumer on a queue is a mistake', () => {
    const { bus } = harness();
    bus.registerConsumer('email', recorder().handler);
    expect(() => bus.registerConsumer('email', recorder().handler)).toThrow(/already has a consumer/);
  });
});
