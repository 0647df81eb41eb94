import { versionAsSeenBy } from '../domain/publication';
import { ANONYMOUS } from '../domain/sharing';
import { travelerStopLink } from '../domain/traveler';
import type { BulkEmailSender } from '../ports/messaging';
import type { ChannelSend, DeliveryDeps, SendResult } from './delivery-work';
import { alertEmailDestination, renderEmailTemplate } from './render-email';

/**
 * Sends a batch of alert emails to travelers with one bulk call, as the
 * subscriber email goes, with the traveler footer and each traveler's stop
 * link (also its List-Unsubscribe one-click target).
 */
export function deliverTravelerEmail(deps: DeliveryDeps & { email: BulkEmailSender }): ChannelSend {
  return async (recipients, version) => {
    const results = new Map<string, SendResult>();
    const addressed = recipients.flatMap(({ subscription }) => {
      const stop = travelerStopLink(deps.baseUrl, subscription);
      if (!subscription.address || !stop) {
        results.set(subscription.id, { state: 'failed', reason: 'no-address' });
        return [];
      }
      return [{ id: subscription.id, address: subscription.address, stop }];
    });
    if (addressed.length === 0) return results;
    const template = renderEmailTemplate(version.content.sharing === 'TLP:CLEAR' ? versionAsSeenBy(ANONYMOUS, version) : version, deps.baseUrl, 'traveler');
    const sent = await deps.email.sendBulkEmail({ template, destinations: addressed.map((r) => alertEmailDestination(r.address, { manageUrl: r.stop, unsubscribeUrl: r.stop })) });
    addressed.forEach((r, i) => {
      const result = sent[i];
      results.set(r.id, result?.status === 'sent' ? { state: 'sent' } : result?.status === 'rejected' ? { state: 'failed', reason: result.reason } : { state: 'retry', reason: result?.reason ?? 'no-result' });
    });
    return results;
  };
}
