import type { LinkSigner } from '../../shared/ports/link-signer';
import type { BulkEmailSender } from '../../shared/ports/messaging';
import type { SqsHandler } from '../../shared/ports/sqs-event';
import { createChannelWorker } from '../../shared/services/channel-worker';
import type { DeliveryConfig, DeliveryDeps } from '../../shared/services/delivery-work';
import { deliverEmail } from '../../shared/services/deliver-email';
import { deliverTravelerEmail } from '../../shared/services/deliver-traveler-email';

export type DeliverEmailDeps = DeliveryDeps & { email: BulkEmailSender; links: LinkSigner };

/**
 * The email worker: matches, renders and sends each announced version,
 * recording each delivery (settings: the `email` entry of the channel
 * registry and its queue in the topology); travelers exposed to an alert
 * get it too, with their own footer and stop link.
 */
export function createDeliverEmailHandler(deps: DeliverEmailDeps, overrides: Partial<DeliveryConfig> = {}): SqsHandler {
  return createChannelWorker('email', deps, deliverEmail(deps), overrides, deliverTravelerEmail(deps));
}
