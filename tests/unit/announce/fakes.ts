import { marshall } from '@aws-sdk/util-dynamodb';
import type { AnnouncementRecord, AnnouncementStore } from '../../../shared/ports/announcement-store';
import type { BusEvent, EventBus } from '../../../shared/ports/event-bus';
import type { StreamImage, StreamRecord } from '../../../shared/ports/stream-event';

/** Announcement records in a Map, with the repository's semantics. */
export function memoryAnnouncements(): AnnouncementStore & { records: Map<string, AnnouncementRecord> } {
  const records = new Map<string, AnnouncementRecord>();
  const key = (id: string, version: number) => `${id}#${version}`;
  return {
    records,
    async begin(publicationId, version, at) {
      const existing = records.get(key(publicationId, version));
      if (existing?.state === 'sent') return 'already-sent';
      records.set(key(publicationId, version), { publicationId, version, state: 'pending', attempts: (existing?.attempts ?? 0) + 1, firstAttemptAt: existing?.firstAttemptAt ?? at });
      return 'proceed';
    },
    async markSent(publicationId, version, messageId, at) {
      const existing = records.get(key(publicationId, version));
      if (!existing || existing.state === 'sent') return;
      records.set(key(publicationId, version), { ...existing, state: 'sent', messageId, sentAt: at });
    },
    async get(publicationId, version) {
      return records.get(key(publicationId, version));
    },
  };
}

/** An event bus that records what it was asked to publish and can be told to fail. */
export function recordingBus(): EventBus & { sent: { topic: string; event: BusEvent }[]; failures: number } {
  const bus = {
    sent: [] as { topic: string; event: BusEvent }[],
    failures: 0,
    async publish(topic: string, event: BusEvent) {
      if (bus.failures > 0) {
        bus.failures -= 1;
        throw new Error('publish failed');
      }
      bus.sent.push({ topic, event });
      return { messageId: `m-${bus.sent.length}` };
    },
  };
  return bus;
}

export const PUBLICATION_ID = '01JD5Z8Q7W3X9Y2V4T6S8R0P1N';
export const ORG_ID = '01JD5Z8Q7W3X9Y2V4T6S8R0ORG';

/** A stored version, as `publication-repository.ts` writes its `data`. */
export function storedVersion(overrides: { kind?: string; level?: number; major?: boolean; version?: number; sharing?: string; countries?: string[]; regions?: string[] } = {}) {
  const kind = overrides.kind ?? 'travel-advisory';
  return {
    id: PUBLICATION_ID,
    version: overrides.version ?? 1,
    content: {
      kind,
      title: 'Mexico Travel Advisory',
      countries: overrides.countries ?? ['MX'],
      summary: 'Reconsider travel.',
      body: 'Crime is widespread.',
      sharing: overrides.sharing ?? 'TLP:CLEAR',
      ...(kind === 'travel-advisory' ? { level: overrides.level ?? 3, indicators: ['C'] } : { actions: ['Avoid crowds'] }),
    },
    regions: overrides.regions ?? ['WHA'],
    orgId: ORG_ID,
    changeNote: 'First version.',
    major: overrides.major ?? true,
    publishedAt: '2026-01-02T03:04:05.000Z',
    publishedBy: '01JD5Z8Q7W3X9Y2V4T6S8R0PPL',
  };
}

let sequence = 100;

/** A Lambda-shaped stream record for an item. */
export function streamRecord(item: Record<string, unknown>, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT'): StreamRecord {
  const image = marshall(item, { removeUndefinedValues: true }) as StreamImage;
  const keys = marshall({ pk: item.pk, sk: item.sk }) as StreamImage;
  sequence += 1;
  return {
    eventID: `e-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/outpost/stream/2026-01-01T00:00:00.000',
    dynamodb: {
      ApproximateCreationDateTime: 1767322800,
      Keys: keys,
      ...(eventName !== 'REMOVE' ? { NewImage: image } : {}),
      ...(eventName !== 'INSERT' ? { OldImage: image } : {}),
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

export function versionItem(version = storedVersion()) {
  return { pk: `PUB#${version.id}`, sk: `V#${String(version.version).padStart(6, '0')}`, type: 'version', data: version };
}
