import { SendBulkEmailCommand, type BulkEmailEntryResult, type SESv2Client } from '@aws-sdk/client-sesv2';
import { assertSafeTemplateData, BULK_EMAIL_MAX_DESTINATIONS } from '../../domain/email-template';
import type { BulkEmail, BulkEmailResult, BulkEmailSender } from '../../ports/messaging';
import { retryThrottled, type ThrottleRetryOptions } from '../retry/throttle-retry';

/**
 * Sends alert emails through SES v2 `SendBulkEmail`: one inline template
 * for up to 50 destinations, each with its own replacement data (its
 * manage and unsubscribe links) and List-Unsubscribe header, from a
 * verified identity in a configuration set that reports bounces and
 * complaints. Throttling is retried with backoff; per-destination results
 * say who was sent, refused for good, or left for a retry.
 */
export function sesBulkEmailSender(client: SESv2Client, from: string, configurationSetName?: string, retry?: ThrottleRetryOptions): BulkEmailSender {
  return {
    async sendBulkEmail(email: BulkEmail): Promise<BulkEmailResult[]> {
      if (email.destinations.length === 0) return [];
      if (email.destinations.length > BULK_EMAIL_MAX_DESTINATIONS) throw new RangeError(`SendBulkEmail takes at most ${BULK_EMAIL_MAX_DESTINATIONS} destinations`);
      const headers = (list: Record<string, string> | undefined) => Object.entries(list ?? {}).map(([Name, Value]) => ({ Name, Value }));
      const entries = email.destinations.map((destination) => {
        assertSafeTemplateData(destination.data);
        return {
          Destination: { ToAddresses: [destination.to] },
          ReplacementEmailContent: { ReplacementTemplate: { ReplacementTemplateData: JSON.stringify(destination.data) } },
          ...(destination.headers ? { ReplacementHeaders: headers(destination.headers) } : {}),
        };
      });
      const { template } = email;
      try {
        const res = await retryThrottled(
          () =>
            client.send(
              new SendBulkEmailCommand({
                FromEmailAddress: from,
                ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
                DefaultContent: {
                  Template: {
                    TemplateContent: { Subject: template.subject, Text: template.text, ...(template.html !== undefined ? { Html: template.html } : {}) },
                    TemplateData: '{}',
                    ...(template.headers ? { Headers: headers(template.headers) } : {}),
                  },
                },
                BulkEmailEntries: entries,
              }),
            ),
          retry,
        );
        const results = res.BulkEmailEntryResults ?? [];
        return email.destinations.map((_, i) => bulkResult(results[i]));
      } catch (error) {
        // Throttling that outlived the retries, or an outage: nothing of this call was sent; every destination may be tried again.
        const reason = `send-error: ${error instanceof Error ? error.name : 'non-error'}`;
        return email.destinations.map(() => ({ status: 'retry', reason }) as const);
      }
    },
  };
}

/** SES's per-entry status: success, a refusal of this recipient, or something worth trying again. */
function bulkResult(entry: BulkEmailEntryResult | undefined): BulkEmailResult {
  if (!entry) return { status: 'retry', reason: 'no-result' };
  if (entry.Status === 'SUCCESS') return { status: 'sent', messageId: entry.MessageId ?? '' };
  // Refusals of this message to this recipient: retrying would only be refused again.
  if (entry.Status === 'MESSAGE_REJECTED' || entry.Status === 'INVALID_PARAMETER' || entry.Status === 'FAILED') return { status: 'rejected', reason: 'rejected' };
  return { status: 'retry', reason: `ses-${String(entry.Status ?? 'unknown').toLowerCase()}` };
}
