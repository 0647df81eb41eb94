import type { Announcement } from '../../shared/domain/announcement';
import { announcementAttributes } from '../../shared/services/announce-version';

export { announcementOf } from '../../shared/services/announce-version';

/** Anything that takes a topic message as the local bus does. */
interface TopicPublisher {
  publish(topic: 'publications', message: { message: string; messageAttributes: ReturnType<typeof announcementAttributes> }): Promise<unknown>;
}

/**
 * Puts an announcement on the local bus exactly as the announce handler
 * does (same body, same message attributes), so worker tests exercise the
 * real filter policies rather than a hand-written subset of attributes.
 */
export async function announceOnBus(bus: TopicPublisher, announcement: Announcement): Promise<void> {
  await bus.publish('publications', { message: JSON.stringify(announcement), messageAttributes: announcementAttributes(announcement) });
}
