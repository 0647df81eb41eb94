import type { SqsHandler } from '../../shared/ports/sqs-event';
import { deliverAnnouncement, type DeliveryConfig } from '../../shared/services/deliver-announcement';
import { processDeliveryBatch } from '../../shared/services/deliver-batch';
import { deliverSms, type SmsDeliveryDeps } from '../../shared/services/deliver-sms';
import { functions, topology } from '../../shared/topology';

export type DeliverSmsDeps = SmsDeliveryDeps;

/** SMS is at-most-once after a crash (each message costs money and a duplicate alarms people). */
export const SMS_CONFIG: DeliveryConfig = {
  channel: 'sms',
  chunkSize: 200,
  concurrency: 5,
  leaseSeconds: functions.deliverSms.timeoutSeconds,
  maxReceiveCount: topology.queues.sms.deadLetter.maxReceiveCount,
  reclaimAbandoned: false,
};

/** The SMS worker; see the email worker. Opted-out numbers suspend their subscription. */
export function createDeliverSmsHandler(deps: DeliverSmsDeps, config: Partial<DeliveryConfig> = {}): SqsHandler {
  const settings = { ...SMS_CONFIG, ...config, channel: 'sms' as const };
  const send = deliverSms(deps);
  return (event) => processDeliveryBatch(event, deps.logger, 'sms', (work) => deliverAnnouncement(deps, settings, work, send));
}
