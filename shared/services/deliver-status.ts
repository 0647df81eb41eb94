import { CHANNEL_NAMES, type Channel } from '../domain/channel-name';
import { fanOutProgress, type FanOutState } from '../domain/delivery-progress';
import type { PublicationHead } from '../domain/publication';
import type { ChannelProgress, DeliveryStore } from '../ports/delivery-store';
import { queueReceives } from '../queue-filters';
import type { ActingPerson, ServiceDeps } from './deps';
import { loadOwnedPublication } from './load-owned-publication';
import { readDeliverySummary } from './read-delivery-summary';

/** One channel of one version: its counts, where its fan-out stands, and how long it took once done. */
export interface ChannelDeliveryStatus {
  /** `none`: this channel carries nothing of this version (a minor change, or a kind it does not send). */
  state: FanOutState | 'none';
  matched: number;
  sent: number;
  failed: number;
  deadLettered: number;
  /** Held for the subscribers' quiet hours; they go out when those end. */
  held: number;
  pending: number;
  partsPlanned: number;
  partsDone: number;
  plannedAt?: string;
  firstSettledAt?: string;
  lastSettledAt?: string;
  /** From publication to the last delivery, once done with anyone matched. */
  durationMs?: number;
}

/** Delivery status of one publication, for its own organization's publishers. */
export interface DeliveryStatus {
  publicationId: string;
  versions: { version: number; publishedAt?: string; major?: boolean; channels: Record<Channel, ChannelDeliveryStatus> }[];
}

function channelStatus(progress: ChannelProgress | undefined, expected: boolean): ChannelDeliveryStatus {
  const { state, pending, durationMs } = fanOutProgress(progress, progress?.publishedAt);
  const counts = { matched: progress?.matched ?? 0, sent: progress?.sent ?? 0, failed: progress?.failed ?? 0, deadLettered: progress?.deadLettered ?? 0, held: progress?.held ?? 0, pending };
  return {
    state: progress || expected ? state : 'none',
    ...counts,
    partsPlanned: progress?.partsPlanned ?? 0,
    partsDone: progress?.partsDone ?? 0,
    ...(progress?.plannedAt ? { plannedAt: progress.plannedAt } : {}),
    ...(progress?.firstSettledAt ? { firstSettledAt: progress.firstSettledAt } : {}),
    ...(progress?.lastSettledAt ? { lastSettledAt: progress.lastSettledAt } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
  };
}

/**
 * Per published version (newest first) and channel: matched, sent, failed,
 * dead-lettered and pending deliveries, and where each fan-out stands
 * (planning, sending, done, or none for a channel the version does not
 * reach), for a publication the caller already holds.
 */
export async function describeDeliveries(deps: { deliveries: Pick<DeliveryStore, 'summary'> }, head: PublicationHead): Promise<DeliveryStatus> {
  const summaries = await readDeliverySummary(deps, head);
  return {
    publicationId: head.id,
    versions: summaries
      .map((s) => {
        const current = head.current?.version === s.version ? head.current : undefined;
        const expected = (channel: Channel) => current !== undefined && queueReceives(channel, { kind: head.kind, major: current.major });
        return {
          version: s.version,
          ...(current ? { publishedAt: current.publishedAt, major: current.major } : {}),
          channels: Object.fromEntries(CHANNEL_NAMES.map((ch) => [ch, channelStatus(s.channels[ch], expected(ch))])) as Record<Channel, ChannelDeliveryStatus>,
        };
      })
      .reverse(),
  };
}

/** The same for the JSON API: another organization's publication is a 404. */
export async function readDeliveryStatus(deps: ServiceDeps & { deliveries: DeliveryStore }, actor: ActingPerson, id: string): Promise<DeliveryStatus> {
  return describeDeliveries(deps, await loadOwnedPublication(deps, actor, id));
}
