import * as z from 'zod';
import { AnnouncementSchema, type Announcement } from '../domain/announcement';
import type { AnnouncementStore } from '../ports/announcement-store';
import type { Clock } from '../ports/clock';
import type { EventAttribute, EventBus } from '../ports/event-bus';
import type { Logger } from '../ports/logger';
import { topology, type PublicationAttributeName } from '../topology';

/** What announcing needs: where to record, where to publish, the time, and a log. */
export interface AnnounceDeps {
  announcements: AnnouncementStore;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
}

/**
 * The fields of a stored version (`data` of a `type: 'version'` item) that
 * an announcement is made of. Loose on purpose: the content was validated
 * when it was published, and the announcement itself is checked strictly.
 */
export const StoredVersionSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  content: z.looseObject({
    kind: z.string(),
    countries: z.array(z.string()),
    sharing: z.string(),
    recipients: z.array(z.string()).optional(),
    level: z.number().optional(),
  }),
  regions: z.array(z.string()),
  orgId: z.string(),
  major: z.boolean(),
  publishedAt: z.string(),
});
export type StoredVersion = z.infer<typeof StoredVersionSchema>;

/** The topic message for a version: level only for travel advisories. Throws a ZodError on an impossible version. */
export function announcementOf(version: StoredVersion, correlationId?: string): Announcement {
  const { content } = version;
  return AnnouncementSchema.parse({
    publicationId: version.id,
    version: version.version,
    kind: content.kind,
    countries: content.countries,
    regions: version.regions,
    ...(content.kind === 'travel-advisory' ? { level: content.level } : {}),
    sharing: content.sharing,
    recipients: content.recipients ?? [],
    orgId: version.orgId,
    major: version.major,
    publishedAt: version.publishedAt,
    ...(correlationId ? { correlationId } : {}),
  });
}

/** The attributes the topology promises on `publications` messages; `level` only where the topology says, `correlationId` when the version has one. */
type PublicationAttributes = Record<Exclude<PublicationAttributeName, 'level' | 'correlationId'>, EventAttribute> & { level?: EventAttribute; correlationId?: EventAttribute };

/**
 * The SNS message attributes subscription filter policies match on.
 *
 * @example
 * announcementAttributes(a).countries // { DataType: 'String.Array', StringValue: '["MX"]' }
 */
export function announcementAttributes(announcement: Announcement): PublicationAttributes {
  const attributes: PublicationAttributes = {
    kind: { DataType: 'String', StringValue: announcement.kind },
    countries: { DataType: 'String.Array', StringValue: JSON.stringify(announcement.countries) },
    regions: { DataType: 'String.Array', StringValue: JSON.stringify(announcement.regions) },
    sharing: { DataType: 'String', StringValue: announcement.sharing },
    change: { DataType: 'String', StringValue: announcement.major ? 'major' : 'minor' },
  };
  if (announcement.level !== undefined) attributes.level = { DataType: 'Number', StringValue: String(announcement.level) };
  if (announcement.correlationId !== undefined) attributes.correlationId = { DataType: 'String', StringValue: announcement.correlationId };
  return attributes;
}

/** What became of one version. */
export type AnnounceOutcome = { status: 'published'; messageId: string } | { status: 'already-announced' };

/**
 * Announces one published version on the `publications` topic, at most once
 * to completion: the attempt is recorded before publishing and marked sent
 * after, so a redelivered stream record finds `sent` and publishes nothing.
 * A retry after a crash between publish and mark publishes again; the
 * delivery workers' per-(version, subscription) records absorb that.
 *
 * Minor changes are published too, with `change=minor`: every channel
 * queue's filter policy accepts only `major`, so they alert no one, while
 * consumers that care about every version (caches, indexes) can subscribe
 * (docs/decisions/0011-announce-every-version.md).
 */
export async function announceVersion(deps: AnnounceDeps, version: StoredVersion, correlationId?: string): Promise<AnnounceOutcome> {
  const announcement = announcementOf(version, correlationId);
  const { publicationId, version: number } = announcement;
  const began = await deps.announcements.begin(publicationId, number, deps.clock.now());
  if (began === 'already-sent') {
    deps.logger.info('announcement already sent', { publicationId, version: number });
    return { status: 'already-announced' };
  }
  const topic = topology.streamConsumers.announce.publishesTo;
  const { messageId } = await deps.bus.publish(topic, { message: JSON.stringify(announcement), attributes: announcementAttributes(announcement) });
  await deps.announcements.markSent(publicationId, number, messageId, deps.clock.now());
  deps.logger.info('announced version', { publicationId, version: number, change: announcement.major ? 'major' : 'minor', messageId });
  return { status: 'published', messageId };
}
