import { versionAsSeenBy } from '../domain/publication';
import { ANONYMOUS } from '../domain/sharing';
import type { LinkSigner } from '../ports/link-signer';
import type { BulkEmailSender } from '../ports/messaging';
import type { ChannelSend, DeliveryDeps, SendResult } from './delivery-work';
import { alertEmailDestination, renderEmailTemplate } from './render-email';
import { manageLink, unsubscribeLink } from './subscription-links';

/** The email worker's ports: the shared delivery ones, the sender, and the key that signs manage and unsubscribe links. */
export type EmailDeliveryDeps = DeliveryDeps & { email: BulkEmailSender; links: LinkSigner };

/**
 * Sends a batch of alert emails with one bulk call: the version is rendered
 * once and each recipient gets its own signed manage and unsubscribe links
 * and List-Unsubscribe header. A recipient the provider refuses fails for
 * good; one it could not take now is retried.
 */
export function deliverEmail(deps: EmailDeliveryDeps): ChannelSend {
  return async (recipients, version) => {
    const results = new Map<string, SendResult>();
    const addressed = recipients.filter(({ subscription }) => {
      if (!subscription.address) results.set(subscription.id, { state: 'failed', reason: 'no-address' });
      return subscription.address !== undefined;
    });
    if (addressed.length === 0) return results;
    // A CLEAR version reaches the public too: render it as the public sees it (its public version number, so no
    // "What changed" pointing at a version the public never saw); members get the same email.
    const template = renderEmailTemplate(version.content.sharing === 'TLP:CLEAR' ? versionAsSeenBy(ANONYMOUS, version) : version, deps.baseUrl);
    const destinations = addressed.map(({ subscription }) =>
      alertEmailDestination(subscription.address!, { manageUrl: manageLink(deps, subscription), unsubscribeUrl: unsubscribeLink(deps, subscription) }),
    );
    const sent = await deps.email.sendBulkEmail({ template, destinations });
    addressed.forEach(({ subscription }, i) => {
      const result = sent[i];
      results.set(
        subscription.id,
        result?.status === 'sent' ? { state: 'sent' } : result?.status === 'rejected' ? { state: 'failed', reason: result.reason } : { state: 'retry', reason: result?.reason ?? 'no-result' },
      );
    });
    return results;
  };
}
