import type { DeliveryHealth } from '../domain/delivery-health';
import type { Subscription } from '../domain/subscription';
import type { DeliveryStore } from '../ports/delivery-store';

/**
 * The delivery health of subscriptions the caller may already see (its
 * organization's, from `listSubscriptions`), by subscription id; a
 * subscription with nothing delivered yet is absent.
 *
 * @example
 * const page = await listSubscriptions(deps, actor, 50);
 * const health = await readDeliveryHealth(deps, page.items);
 * health.get(page.items[0].id)?.consecutiveFailures;
 */
export async function readDeliveryHealth(deps: { deliveries: Pick<DeliveryStore, 'healthOf'> }, subscriptions: readonly Subscription[]): Promise<Map<string, DeliveryHealth>> {
  if (subscriptions.length === 0) return new Map();
  return deps.deliveries.healthOf(subscriptions.map((s) => s.id));
}
