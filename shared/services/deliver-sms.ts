import { RecipientRejectedError } from '../errors';
import type { SmsSender } from '../ports/messaging';
import type { ChannelSend, DeliveryDeps } from './deliver-announcement';
import { classifySendError } from './classify-send-error';
import { auditEntry } from './deps';
import { renderSms } from './render-sms';
import { smsUnsubscribeLink } from './subscription-links';

/** The SMS worker's ports: the shared delivery ones and the sender (its unsubscribe link is a stored code, not a signed token). */
export type SmsDeliveryDeps = DeliveryDeps & { sms: SmsSender };

/**
 * Sends one alert SMS. A number that has opted out (STOP) fails the
 * delivery and suspends the subscription, so it is not matched again.
 */
export function deliverSms(deps: SmsDeliveryDeps): ChannelSend {
  return async (subscription, version) => {
    if (!subscription.address) return { state: 'failed', reason: 'no-address' };
    try {
      const text = renderSms(version, deps.baseUrl, smsUnsubscribeLink(deps, subscription));
      const { messageId } = await deps.sms.sendSms({ to: subscription.address, text });
      return { state: 'sent', providerMessageId: messageId };
    } catch (error) {
      if (error instanceof RecipientRejectedError && error.reason === 'opted-out') {
        const now = deps.clock.now();
        const audit = [auditEntry(deps, now, { system: 'sms-opt-out' }, 'subscription.suspended', { type: 'subscription', id: subscription.id }, { channel: 'sms', reason: 'opted-out' })];
        await deps.subscriptions.setStatus(subscription.id, 'suspended', now, audit, 'opted-out');
      }
      return classifySendError(error);
    }
  };
}
