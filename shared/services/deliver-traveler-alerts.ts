import { versionAsSeenBy } from '../domain/publication';
import { ANONYMOUS } from '../domain/sharing';
import type { BulkEmailSender, SmsSender } from '../ports/messaging';
import type { ChannelSend, DeliveryConfig, DeliveryDeps, SendResult } from './delivery-work';
import { classifySendError } from './classify-send-error';
import { alertEmailDestination, renderEmailTemplate } from './render-email';
import { renderSms } from './render-sms';
import { runPool } from './run-pool';

/** The link in every traveler alert that stops automatic alerts for that traveler: `/t/<code>`, short enough for an SMS. */
function travelerStopLink(baseUrl: string, stopCode: string): string {
  return `${baseUrl}/t/${stopCode}`;
}

function stopLinkOf(deps: Pick<DeliveryDeps, 'baseUrl'>, recipient: { unsubscribeCode?: string | undefined }): string | undefined {
  return recipient.unsubscribeCode ? travelerStopLink(deps.baseUrl, recipient.unsubscribeCode) : undefined;
}

/**
 * Sends a batch of alert emails to travelers with one bulk call, as the
 * subscriber email goes, with the traveler footer and each traveler's stop
 * link (also its List-Unsubscribe one-click target).
 */
export function deliverTravelerEmail(deps: DeliveryDeps & { email: BulkEmailSender }): ChannelSend {
  return async (recipients, version) => {
    const results = new Map<string, SendResult>();
    const addressed = recipients.filter(({ subscription }) => {
      if (!subscription.address || !subscription.unsubscribeCode) results.set(subscription.id, { state: 'failed', reason: 'no-address' });
      return subscription.address !== undefined && subscription.unsubscribeCode !== undefined;
    });
    if (addressed.length === 0) return results;
    const template = renderEmailTemplate(version.content.sharing === 'TLP:CLEAR' ? versionAsSeenBy(ANONYMOUS, version) : version, deps.baseUrl, 'traveler');
    const destinations = addressed.map(({ subscription }) => {
      const stop = stopLinkOf(deps, subscription)!;
      return alertEmailDestination(subscription.address!, { manageUrl: stop, unsubscribeUrl: stop });
    });
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
        await deps.sms.sendSms({ to: subscription.address, text: renderSms(version, deps.baseUrl, stopLinkOf(deps, subscription)) });
        results.set(subscription.id, { state: 'sent' });
      } catch (error) {
        results.set(subscription.id, classifySendError(error));
      }
    });
    return results;
  };
}
