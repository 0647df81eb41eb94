import { RecipientRejectedError } from '../ports/delivery-store';
import type { SmsSender } from '../ports/messaging';
import type { ChannelSend, DeliveryDeps } from './deliver-announcement';
import { classifySendError } from './deliver-email';
import { renderSms } from './render-sms';

/**
 * Sends one alert SMS. A number that has opted out (STOP) fails the
 * delivery and suspends the subscription, so it is not matched again.
 */
export function deliverSms(deps: DeliveryDeps & { sms: SmsSender }): ChannelSend {
  return async (subscription, version) => {
    if (!subscription.address) return { state: 'failed', reason: 'no-address' };
    try {
      const { messageId } = await deps.sms.sendSms({ to: subscription.address, text: renderSms(version, deps.baseUrl) });
      return { state: 'sent', providerMessageId: messageId };
    } catch (error) {
      if (error instanceof RecipientRejectedError && error.code === 'opted-out') {
        await deps.subscriptions.setStatus(subscription.id, 'suspended', deps.clock.now(), [], 'opted-out');
      }
      return classifySendError(error);
    }
  };
}
