import { CHANNEL_NAMES } from '../domain/channel-name';
import type { DeliveryStore, VersionDeliverySummary } from '../ports/delivery-store';
import type { ActingPerson, ServiceDeps } from './deps';
import { loadOwnedPublication } from './load-owned-publication';
import { readDeliverySummary } from './read-delivery-summary';

/** Delivery status of one publication, for its own organization's publishers. */
export interface DeliveryStatus {
  publicationId: string;
  versions: (VersionDeliverySummary & { publishedAt?: string; major?: boolean })[];
}

/**
 * Per published version and channel: how many subscriptions were matched,
 * and how many deliveries were sent, failed, dead-lettered or are pending.
 * Another organization's publication is a 404.
 */
export async function readDeliveryStatus(deps: ServiceDeps & { deliveries: DeliveryStore }, actor: ActingPerson, id: string): Promise<DeliveryStatus> {
  const head = await loadOwnedPublication(deps, actor, id);
  const summaries = await readDeliverySummary(deps, head);
  return {
    publicationId: id,
    versions: summaries
      .map((s) => ({
        version: s.version,
        channels: Object.fromEntries(CHANNEL_NAMES.map((ch) => [ch, s.channels[ch] ?? { matched: 0, sent: 0, failed: 0, deadLettered: 0, pending: 0 }])),
        ...(head.current?.version === s.version ? { publishedAt: head.current.publishedAt, major: head.current.major } : {}),
      }))
      .reverse(),
  };
}
