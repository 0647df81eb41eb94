import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FilterPolicyError, type MessageAttributes } from '../../../infra/local/filter-policy';
import { createMessageBus, InvalidPublishError } from '../../../infra/local/message-bus';
import { topology, type Topology } from '../../../shared/topology';
import { attributes, EMAIL_VISIBILITY_MS, envelope, harness, publishedIds, publishMany, recorder, START } from './bus-fixtures';

/** The topic side of the local bus: filter-policy routing, the SQS event it hands consumers, SendMessage, and the declared topology. */
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
