import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { announceHandler } from '../../../functions/announce/handler';
import { localAnnounceDeps } from '../../../functions/wiring/local';
import { DynamoAnnouncementStore } from '../../../shared/adapters/dynamodb/announcement-repository';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import { silentLogger } from '../../../shared/adapters/system/json-logger';
import { CHANNEL_NAMES } from '../../../shared/domain/channel';
import type { BusEvent, EventBus } from '../../../shared/ports/event-bus';
import type { SnsNotificationEnvelope, SqsEvent } from '../../../shared/ports/sqs-event';
import type { StreamBatchResponse, StreamEvent } from '../../../shared/ports/stream-event';
import type { QueueName } from '../../../shared/topology';
import { busEventBus } from '../../../infra/local/bus-event-bus';
import { startLocalRuntime, type LocalRuntime } from '../../../infra/local/runtime';
import { createStreamPoller, latestStreamArn } from '../../../infra/local/stream-poller';
import { addPerson, advisoryInput, alertInput, call, makeHarness, type Harness } from '../../support/harness';

/**
 * The announce path on DynamoDB Local's real stream: API publish → stream
 * poller → announce handler → in-process bus → channel queues, with
 * recording consumers in place of the delivery workers.
 */

/** One queue per channel: every channel's queue takes major announcements. */
const QUEUES: readonly QueueName[] = CHANNEL_NAMES;

let h: Harness;
let runtime: LocalRuntime;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let approver: Awaited<ReturnType<typeof addPerson>>;
/** Every publish the announce handler made on the topic, successful or not. */
const published: BusEvent[] = [];
/** Publishes to fail before letting them through. */
let failNextPublishes = 0;
/** Every batch response the announce handler returned. */
const responses: StreamBatchResponse[] = [];
/** Every stream event the announce handler received. */
const streamEvents: StreamEvent[] = [];
/** Envelopes received per queue. */
const received = Object.fromEntries(QUEUES.map((queue) => [queue, [] as SnsNotificationEnvelope[]])) as Record<QueueName, SnsNotificationEnvelope[]>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  approver = await addPerson(h, 'publisher', publisher.org);
  runtime = await startLocalRuntime({
    deps: h.deps,
    endpoint: h.endpoint,
    tableName: h.tableName,
    logger: silentLogger,
    autoStart: false,
    workers: false,
    schedules: false,
    wrapEventBus: (events): EventBus => ({
      async publish(topic, event) {
        published.push(event);
        if (failNextPublishes > 0) {
          failNextPublishes -= 1;
          throw new Error('SNS is having a bad day');
        }
        return events.publish(topic, event);
      },
    }),
    wrapAnnounce: (handler) => async (event) => {
      streamEvents.push(structuredClone(event));
      const response = await handler(event);
      if (response) responses.push(response);
      return response;
    },
  });
  for (const queue of QUEUES) {
    runtime.bus.registerConsumer(queue, async (event: SqsEvent) => {
      received[queue].push(...event.Records.map((record) => JSON.parse(record.body) as SnsNotificationEnvelope));
    });
  }
});

afterAll(async () => {
  await runtime?.stop();
});

async function publish(input: Record<string, unknown>): Promise<{ id: string; etag: string }> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: input });
  expect(created.status, created.text).toBe(201);
  const id = created.json.id as string;
  if (input.kind !== 'security-alert') await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key });
  const res = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
  expect(res.status, res.text).toBe(200);
  return { id, etag: res.headers.get('etag') as string };
}

/** Runs the stream, then the queues, to quiescence. */
async function settle(): Promise<void> {
  await runtime.poller.drain();
  await runtime.bus.drain();
}

function forPublication(id: string) {
  const match = (envelope: SnsNotificationEnvelope) => (JSON.parse(envelope.Message) as { publicationId: string }).publicationId === id;
  const queues = Object.fromEntries(QUEUES.map((queue) => [queue, received[queue].filter(match)])) as Record<QueueName, SnsNotificationEnvelope[]>;
  return { topic: published.filter((event) => (JSON.parse(event.message) as { publicationId: string }).publicationId === id), ...queues };
}

function attributesOf(envelope: SnsNotificationEnvelope | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(envelope?.MessageAttributes ?? {}).map(([name, attribute]) => [name, `${attribute.Type}:${attribute.Value}`]));
}

describe('announcing published versions', () => {
  it('delivers one message per published version to each matching queue, with the attributes filter policies read', async () => {
    const advisory = await publish(advisoryInput('MX', 3));
    const alert = await publish(alertInput(['FR', 'DE'], 'TLP:GREEN'));
    await settle();

    const a = forPublication(advisory.id);
    expect(a.topic).toHaveLength(1);
    for (const queue of QUEUES) expect(a[queue], queue).toHaveLength(1);
    expect(attributesOf(a.email[0])).toEqual({
      kind: 'String:travel-advisory',
      countries: 'String.Array:["MX"]',
      regions: 'String.Array:["WHA"]',
      level: 'Number:3',
      sharing: 'String:TLP:CLEAR',
      change: 'String:major',
      // The request that published it, carried down the pipeline for the logs.
      correlationId: expect.stringMatching(/^String:\S+$/),
    });
    expect(JSON.parse(a.email[0]?.Message ?? '{}')).toMatchObject({ publicationId: advisory.id, version: 1, kind: 'travel-advisory', level: 3, major: true, orgId: publisher.orgId });

    const b = forPublication(alert.id);
    expect(b.topic).toHaveLength(1);
    for (const queue of QUEUES) expect(b[queue], queue).toHaveLength(1);
    expect(attributesOf(b.sms[0])).toEqual({
      kind: 'String:security-alert',
      countries: 'String.Array:["FR","DE"]',
      regions: 'String.Array:["EUR"]',
      sharing: 'String:TLP:GREEN',
      change: 'String:major',
      // The request that published it, carried down the pipeline for the logs.
      correlationId: expect.stringMatching(/^String:\S+$/),
    });

    const record = await new DynamoAnnouncementStore(createDocumentClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName).get(advisory.id, 1);
    expect(record).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('announces a minor amendment with change=minor, which no channel queue accepts', async () => {
    const { id, etag } = await publish(advisoryInput('GT', 2));
    await settle();
    const minor = await call(h, 'PATCH', `/v1/publications/${id}`, {
      key: publisher.key,
      body: { summary: 'Typo fixed.', changeNote: 'Typo.', major: false },
      headers: { 'if-match': etag },
    });
    expect(minor.status, minor.text).toBe(200);
    await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key });
    const v2 = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    expect(v2.status, v2.text).toBe(200);
    await settle();

    const after = forPublication(id);
    // Announced with change=minor; the filter policies (change: ['major']) drop it.
    expect(after.topic.map((event) => event.attributes.change?.StringValue)).toEqual(['major', 'minor']);
    for (const queue of QUEUES) expect(after[queue], queue).toHaveLength(1);
    expect(JSON.parse(after.email[0]?.Message ?? '{}')).toMatchObject({ version: 1 });
  });

  it('publishes nothing twice when the same stream records are processed again', async () => {
    const { id } = await publish(alertInput(['KE'], 'TLP:CLEAR'));
    await settle();
    expect(forPublication(id).topic).toHaveLength(1);

    // The same events handed to the handler again, as a retried batch would be.
    const handler = announceHandler(localAnnounceDeps({ endpoint: h.endpoint, tableName: h.tableName, bus: busEventBus(runtime.bus), logger: silentLogger }));
    for (const event of streamEvents) expect(await handler(event)).toEqual({ batchItemFailures: [] });

    // And the whole stream read again from its start, as a replayed shard would be.
    const replay = createStreamPoller({
      client: new DynamoDBStreamsClient({ endpoint: h.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      streamArn: await latestStreamArn(new DynamoDBClient({ endpoint: h.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), h.tableName),
      handler,
      startingPosition: 'TRIM_HORIZON',
      logger: silentLogger,
    });
    expect(await replay.drain()).toBeGreaterThan(0);
    expect(replay.failures()).toEqual([]);
    await runtime.bus.drain();

    const after = forPublication(id);
    expect(after.topic).toHaveLength(1);
    for (const queue of QUEUES) expect(after[queue], queue).toHaveLength(1);
    expect(runtime.bus.depth('email')).toBe(0);
  });

  it('reports a failed publish as a batch item failure, and the record comes back and is announced once', async () => {
    failNextPublishes = 1;
    const before = responses.length;
    const { id } = await publish(alertInput(['JP'], 'TLP:CLEAR'));
    await settle();

    const failures = responses.slice(before).flatMap((response) => response.batchItemFailures);
    expect(failures).toHaveLength(1);
    const versionRecord = streamEvents
      .flatMap((event) => event.Records)
      .find((record) => record.eventName === 'INSERT' && record.dynamodb.Keys.sk && 'S' in record.dynamodb.Keys.sk && record.dynamodb.Keys.sk.S === 'V#000001' && JSON.stringify(record.dynamodb.Keys).includes(id));
    expect(failures[0]?.itemIdentifier).toBe(versionRecord?.dynamodb.SequenceNumber);

    const after = forPublication(id);
    expect(after.topic).toHaveLength(2); // the failed attempt and the retry
    for (const queue of QUEUES) expect(after[queue], queue).toHaveLength(1);
    expect(runtime.poller.failures()).toEqual([]);
    const record = await new DynamoAnnouncementStore(createDocumentClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName).get(id, 1);
    expect(record).toMatchObject({ state: 'sent', attempts: 2 });
  });
});
