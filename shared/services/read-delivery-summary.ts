import type { PublicationHead } from '../domain/publication';
import type { DeliveryStore, VersionDeliverySummary } from '../ports/delivery-store';

/**
 * Delivery counts of every published version of a publication the caller
 * already holds (loaded through `loadOwnedPublication`), oldest first, with
 * only the channels that had deliveries; empty before its first publication.
 */
export async function readDeliverySummary(deps: { deliveries: Pick<DeliveryStore, 'summary'> }, head: Pick<PublicationHead, 'id' | 'current'>): Promise<VersionDeliverySummary[]> {
  return head.current ? deps.deliveries.summary(head.id, head.current.version) : [];
}
