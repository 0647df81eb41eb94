import type { SqsHandler } from '../../shared/ports/sqs-event';
import { deliverAnnouncement, type DeliveryConfig } from '../../shared/services/deliver-announcement';
import { processDeliveryBatch } from '../../shared/services/deliver-batch';
import { deliverWebhook, type WebhookDeps } from '../../shared/services/deliver-webhook';
import { functions, topology } from '../../shared/topology';

export type DeliverWebhookDeps = WebhookDeps;

/**
 * Webhooks are at-least-once: an abandoned claim is sent again with the same
 * `Outpost-Delivery` id, which receivers deduplicate on. Fewer per chunk:
 * each may wait on a slow endpoint and its retries.
 */
export const WEBHOOK_CONFIG: DeliveryConfig = {
  channel: 'webhook',
  chunkSize: 50,
  concurrency: 10,
  leaseSeconds: functions.deliverWebhook.timeoutSeconds,
  maxReceiveCount: topology.queues.webhook.deadLetter.maxReceiveCount,
  reclaimAbandoned: true,
};

/** The webhook worker; see the email worker. */
export function createDeliverWebhookHandler(deps: DeliverWebhookDeps, config: Partial<DeliveryConfig> = {}): SqsHandler {
  const settings = { ...WEBHOOK_CONFIG, ...config, channel: 'webhook' as const };
  const send = deliverWebhook(deps);
  return (event) => processDeliveryBatch(event, deps.logger, 'webhook', (work) => deliverAnnouncement(deps, settings, work, send));
}
