import { RecipientRejectedError } from '../errors';
import type { SmsSender } from '../ports/messaging';
import { classifySendError } from './classify-send-error';
import type { ChannelSend, DeliveryConfig, DeliveryDeps, SendResult } from './delivery-work';
import { auditEntry } from './deps';
import { renderSms } from './render-sms';
import { runPool } from './run-pool';
import { smsUnsubscribeLink } from './subscription-links';

/** The SMS worker's ports: the shared delivery ones and the sender (its unsubscribe link is a stored code, not a signed token). */
export type SmsDeliveryDeps = DeliveryDeps & { sms: SmsSender };

/**
 * Sends a batch of alert SMS, `concurrency` at a time (SNS has no bulk
 * call; the shared SMS rate was taken for the batch). A number that has
 * opted out (STOP) fails its delivery and suspends the subscription, so it
 * is not matched again.
 */
export function deliverSms(deps: SmsDeliveryDeps, config: Pick<DeliveryConfig, 'concurrency'>): ChannelSend {
  return async (recipients, version) => {
    const results = new Map<string, SendResult>();
    await runPool(recipients, config.concurrency, async ({ subscription }) => {
      if (!subscription.address) {
        results.set(subscription.id, { state: 'failed', reason: 'no-address' });
        return;
      }
      try {
        const text = renderSms(version, deps.baseUrl, smsUnsubscribeLink(deps, subscription));
        await deps.sms.sendSms({ to: subscription.address, text });
        results.set(subscription.id, { state: 'sent' });
      } catch (error) {
        if (error instanceof RecipientRejectedError && error.reason === 'opted-out') {
          const now = deps.clock.now();
          const audit = [auditEntry(deps, now, { system: 'sms-opt-out' }, 'subscription.suspended', { type: 'subscription', id: subscription.id }, { channel: 'sms', reason: 'opted-out' })];
          await deps.subscriptions.setStatus(subscription.id, 'suspended', now, audit, 'opted-out');
        }
        results.set(subscription.id, classifySendError(error));
      }
    });
    return results;
  };
}
