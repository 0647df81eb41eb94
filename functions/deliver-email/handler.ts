import type { SqsHandler } from '../../shared/ports/sqs-event';
import { deliverAnnouncement, type DeliveryConfig } from '../../shared/services/deliver-announcement';
import { processDeliveryBatch } from '../../shared/services/deliver-batch';
import { deliverEmail, type EmailDeliveryDeps } from '../../shared/services/deliver-email';
import { functions, topology } from '../../shared/topology';

export type DeliverEmailDeps = EmailDeliveryDeps;

/** Email is at-most-once after a crash: an abandoned claim is recorded failed, not resent. */
export const EMAIL_CONFIG: DeliveryConfig = {
  channel: 'email',
  chunkSize: 200,
  concurrency: 10,
  leaseSeconds: functions.deliverEmail.timeoutSeconds,
  maxReceiveCount: topology.queues.email.deadLetter.maxReceiveCount,
  reclaimAbandoned: false,
};

/**
 * The email worker: each SQS record is an announced version (or the
 * continuation of its fan-out); matches, renders and sends, recording each
 * delivery; answers with the records that must come back.
 */
export function createDeliverEmailHandler(deps: DeliverEmailDeps, config: Partial<DeliveryConfig> = {}): SqsHandler {
  const settings = { ...EMAIL_CONFIG, ...config, channel: 'email' as const };
  const send = deliverEmail(deps);
  return (event) => processDeliveryBatch(event, deps.logger, 'email', (work) => deliverAnnouncement(deps, settings, work, send));
}
