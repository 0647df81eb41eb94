import type { ChannelSenderPort } from '../../shared/ports/messaging';
import type { SqsHandler } from '../../shared/ports/sqs-event';
import { channelDeliveryConfig, createChannelWorker } from '../../shared/services/channel-worker';
import type { DeliveryConfig, DeliveryDeps } from '../../shared/services/delivery-work';
import { deliverSms } from '../../shared/services/deliver-sms';
import { deliverTravelerSms } from '../../shared/services/deliver-traveler-sms';

export type DeliverSmsDeps = DeliveryDeps & ChannelSenderPort<'sms'>;

/** The SMS worker; see the email worker (travelers included). Opted-out numbers suspend their subscription. */
export function createDeliverSmsHandler(deps: DeliverSmsDeps, overrides: Partial<DeliveryConfig> = {}): SqsHandler {
  const config = { ...channelDeliveryConfig('sms'), ...overrides };
  return createChannelWorker('sms', deps, deliverSms(deps, config), overrides, deliverTravelerSms(deps, config));
}
