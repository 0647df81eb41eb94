import type { SqsHandler } from '../../shared/ports/sqs-event';
import { channelDeliveryConfig, createChannelWorker, type ChannelWorkerDeps } from '../../shared/services/channel-worker';
import type { DeliveryConfig } from '../../shared/services/delivery-work';
import { deliverWebhook, type WebhookDeps } from '../../shared/services/deliver-webhook';

export type DeliverWebhookDeps = WebhookDeps & ChannelWorkerDeps;

/** The webhook worker; see the email worker. Retries within a receive follow the webhook retry policy. */
export function createDeliverWebhookHandler(deps: DeliverWebhookDeps, overrides: Partial<DeliveryConfig> = {}): SqsHandler {
  return createChannelWorker('webhook', deps, deliverWebhook(deps, { ...channelDeliveryConfig('webhook'), ...overrides }), overrides);
}
