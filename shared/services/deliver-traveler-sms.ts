import { travelerStopLink } from '../domain/traveler';
import type { SmsSender } from '../ports/messaging';
import { classifySendError } from './classify-send-error';
import type { ChannelSend, DeliveryConfig, DeliveryDeps, SendResult } from './delivery-work';
import { renderSms } from './render-sms';
import { runPool } from './run-pool';

/** Sends a batch of alert SMS to travelers, `concurrency` at a time, each with its stop link. An opted-out number fails its delivery. */
export function deliverTravelerSms(deps: DeliveryDeps & { sms: SmsSender }, config: Pick<DeliveryConfig, 'concurrency'>): ChannelSend {
  return async (recipients, version) => {
    const results = new Map<string, SendResult>();
    await runPool(recipients, config.concurrency, async ({ subscription }) => {
      if (!subscription.address) {
        results.set(subscription.id, { state: 'failed', reason: 'no-address' });
        return;
      }
      try {
        await deps.sms.sendSms({ to: subscription.address, text: renderSms(version, deps.baseUrl, travelerStopLink(deps.baseUrl, subscription)) });
        results.set(subscription.id, { state: 'sent' });
      } catch (error) {
        results.set(subscription.id, classifySendError(error));
      }
    });
    return results;
  };
}
