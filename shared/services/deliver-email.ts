import type { Subscription } from '../domain/subscription';
import type { LinkSigner } from '../ports/link-signer';
import type { EmailSender } from '../ports/messaging';
import type { ChannelSend, DeliveryDeps } from './deliver-announcement';
import { classifySendError } from './classify-send-error';
import { renderEmail } from './render-email';
import { manageLink, unsubscribeLink } from './subscription-links';

/** The email worker's ports: the shared delivery ones, the sender, and the key that signs manage and unsubscribe links. */
export type EmailDeliveryDeps = DeliveryDeps & { email: EmailSender; links: LinkSigner };

/** The signed one-click unsubscribe link (the subscriptions module owns its purpose, expiry and route). */
function deliveryUnsubscribeUrl(deps: Pick<EmailDeliveryDeps, 'links' | 'clock' | 'baseUrl'>, subscription: Pick<Subscription, 'id'>): string {
  return unsubscribeLink(deps, subscription);
}

/** Sends one alert email: rendered per subscription (its own manage and unsubscribe links). */
export function deliverEmail(deps: EmailDeliveryDeps): ChannelSend {
  return async (subscription, version) => {
    if (!subscription.address) return { state: 'failed', reason: 'no-address' };
    const message = renderEmail(version, { to: subscription.address, baseUrl: deps.baseUrl, unsubscribeUrl: deliveryUnsubscribeUrl(deps, subscription), manageUrl: manageLink(deps, subscription) });
    try {
      const { messageId } = await deps.email.sendEmail(message);
      return { state: 'sent', providerMessageId: messageId };
    } catch (error) {
      return classifySendError(error);
    }
  };
}
