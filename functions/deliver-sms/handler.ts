import type { ChannelSenderPort } from '../../shared/ports/messaging';
import type { SqsHandler } from '../../shared/ports/sqs-event';
import { channelDeliveryConfig, createChannelWorker } from '../../shared/services/channel-worker';
import type { DeliveryConfig, DeliveryDeps } from '../../shared/services/delivery-work';
import { deliverSms } from '../../shared/services/deliver-sms';

export type DeliverSmsDeps = DeliveryDeps & ChannelSenderPort<'sms'>;

/** The SMS worker; see the email worker. Opted-out numbers suspend their subscription. */
export function createDeliverSmsHandler(deps: DeliverSmsDeps, overrides: Partial<DeliveryConfig> = {}): SqsHandler {
  return createChannelWorker('sms', deps, deliverSms(deps, { ...channelDeliveryConfig('sms'), ...overrides }), overrides);
}
