import { describe, expect, it } from 'vitest';
import { announceHandler } from '../../../functions/announce/handler';
import { unmarshallStreamImage } from '../../../shared/adapters/dynamodb/stream-image';
import { AnnouncementSchema } from '../../../shared/domain/announcement';
import type { Logger } from '../../../shared/ports/logger';
import { StreamRecordSchema } from '../../../shared/ports/stream-event';
import { announcementAttributes, announcementOf } from '../../../shared/services/announce-version';
import { memoryAnnouncements, ORG_ID, PUBLICATION_ID, recordingBus, storedVersion, streamRecord, versionItem } from './fakes';

function setup() {
  const announcements = memoryAnnouncements();
  const bus = recordingBus();
  const lines: string[] = [];
  const logger: Logger = {
    info: (m, f) => lines.push(JSON.stringify({ m, ...f })),
    warn: (m, f) => lines.push(JSON.stringify({ m, ...f })),
    error: (m, f) => lines.push(JSON.stringify({ m, ...f })),
  };
  const handler = announceHandler({ announcements, bus, clock: { now: () => '2026-01-02T03:04:06.000Z' }, logger, decodeImage: unmarshallStreamImage });
  return { announcements, bus, handler, lines };
}

describe('parsing stream records', () => {
  it('accepts the Lambda DynamoDB stream record shape', () => {
    expect(StreamRecordSchema.safeParse(streamRecord(versionItem())).success).toBe(true);
  });

  it('rejects a record without a sequence number or with an unknown event name', () => {
    const record = streamRecord(versionItem());
    expect(StreamRecordSchema.safeParse({ ...record, dynamodb: { ...record.dynamodb, SequenceNumber: undefined } }).success).toBe(false);
    expect(StreamRecordSchema.safeParse({ ...record, eventName: 'UPSERT' }).success).toBe(false);
  });

  it('unmarshalls nested images into the stored version', () => {
    const record = streamRecord(versionItem());
    expect(unmarshallStreamImage(record.dynamodb.NewImage ?? {})).toEqual(versionItem());
  });
});

describe('building the announcement', () => {
  it('carries the level for travel advisories only', () => {
    expect(announcementOf(storedVersion()).level).toBe(3);
    const alert = announcementOf(storedVersion({ kind: 'security-alert' }));
    expect(alert).not.toHaveProperty('level');
    expect(announcementAttributes(alert)).not.toHaveProperty('level');
  });

  it('is a valid AnnouncementSchema message', () => {
    expect(AnnouncementSchema.parse(announcementOf(storedVersion()))).toEqual({
      publicationId: PUBLICATION_ID,
      version: 1,
      kind: 'travel-advisory',
      countries: ['MX'],
      regions: ['WHA'],
      level: 3,
      sharing: 'TLP:CLEAR',
      recipients: [],
      orgId: ORG_ID,
      major: true,
      publishedAt: '2026-01-02T03:04:05.000Z',
    });
  });

  it('spells attributes as SNS wants them: arrays as JSON text, numbers as text, change as major/minor', () => {
    expect(announcementAttributes(announcementOf(storedVersion({ major: false, countries: ['MX', 'GT'] })))).toEqual({
      kind: { DataType: 'String', StringValue: 'travel-advisory' },
      countries: { DataType: 'String.Array', StringValue: '["MX","GT"]' },
      regions: { DataType: 'String.Array', StringValue: '["WHA"]' },
      level: { DataType: 'Number', StringValue: '3' },
      sharing: { DataType: 'String', StringValue: 'TLP:CLEAR' },
      change: { DataType: 'String', StringValue: 'minor' },
    });
  });
});

describe('the announce handler', () => {
  it('announces an inserted version once on the publications topic', async () => {
    const { bus, handler, announcements } = setup();
    expect(await handler({ Records: [streamRecord(versionItem())] })).toEqual({ batchItemFailures: [] });
    expect(bus.sent).toHaveLength(1);
    expect(bus.sent[0]?.topic).toBe('publications');
    expect(JSON.parse(bus.sent[0]?.event.message ?? '{}')).toMatchObject({ publicationId: PUBLICATION_ID, version: 1 });
    expect(await announcements.get(PUBLICATION_ID, 1)).toMatchObject({ state: 'sent', messageId: 'm-1' });
  });

  it('ignores modifications, removals and items that are not versions', async () => {
    const { bus, handler } = setup();
    const head = { pk: `PUB#${PUBLICATION_ID}`, sk: 'HEAD', type: 'publication', data: { id: PUBLICATION_ID } };
    const response = await handler({
      Records: [streamRecord(head), streamRecord(versionItem(), 'MODIFY'), streamRecord(versionItem(), 'REMOVE'), streamRecord({ pk: 'ANNOUNCE#x', sk: 'ANNOUNCE', type: 'announcement' })],
    });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(bus.sent).toHaveLength(0);
  });

  it('publishes nothing for a redelivered record already sent', async () => {
    const { bus, handler } = setup();
    const record = streamRecord(versionItem());
    await handler({ Records: [record] });
    expect(await handler({ Records: [record] })).toEqual({ batchItemFailures: [] });
    expect(bus.sent).toHaveLength(1);
  });

  it('publishes again when an earlier attempt crashed before it was recorded as sent', async () => {
    const { bus, handler, announcements } = setup();
    await announcements.begin(PUBLICATION_ID, 1, '2026-01-02T03:04:05.500Z');
    await handler({ Records: [streamRecord(versionItem())] });
    expect(bus.sent).toHaveLength(1);
    expect(await announcements.get(PUBLICATION_ID, 1)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('reports only the failing record by its sequence number and handles the others', async () => {
    const { bus, handler } = setup();
    bus.failures = 1;
    const first = streamRecord(versionItem(storedVersion({ version: 1 })));
    const second = streamRecord(versionItem(storedVersion({ version: 2 })));
    expect(await handler({ Records: [first, second] })).toEqual({ batchItemFailures: [{ itemIdentifier: first.dynamodb.SequenceNumber }] });
    expect(bus.sent.map((s) => JSON.parse(s.event.message).version)).toEqual([2]);
  });

  it('reports a malformed record or an impossible version without blocking the rest', async () => {
    const { bus, handler } = setup();
    const broken = streamRecord(versionItem());
    const malformed = { ...broken, eventName: 'UPSERT' };
    const impossible = streamRecord({ ...versionItem(storedVersion({ version: 3 })), data: { ...storedVersion({ version: 3 }), regions: ['ATLANTIS'] } });
    const good = streamRecord(versionItem(storedVersion({ version: 4 })));
    const response = await handler({ Records: [malformed, impossible, good] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: broken.dynamodb.SequenceNumber }, { itemIdentifier: impossible.dynamodb.SequenceNumber }]);
    expect(bus.sent).toHaveLength(1);
  });

  it('fails the whole batch when a record has no sequence number to report', async () => {
    const { handler } = setup();
    await expect(handler({ Records: [{ eventName: 'INSERT' }] })).rejects.toThrow(/sequence number/);
    await expect(handler({ nothing: true })).rejects.toThrow();
  });

  it('logs ids, never content', async () => {
    const { handler, lines } = setup();
    await handler({ Records: [streamRecord(versionItem())] });
    expect(lines.join('\n')).toContain(PUBLICATION_ID);
    expect(lines.join('\n')).not.toMatch(/Crime is widespread|Mexico Travel Advisory/);
  });
});
