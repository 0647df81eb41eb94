import * as z from 'zod';
import type { Clock, Ids } from '../../shared/ports/clock';
import type { Logger } from '../../shared/ports/logger';
import { SnsEnvelopeSchema, type SqsBatchResponse, type SqsHandler } from '../../shared/ports/sqs-event';
import type { SubscriptionStore } from '../../shared/ports/subscription-store';
import { suspendEmailAddress, type EmailFeedbackReason } from '../../shared/services/suspend-email-address';

export interface SesFeedbackDeps {
  subscriptions: SubscriptionStore;
  clock: Clock;
  /** Ids of the audit entries that record each suspension. */
  ids: Ids;
  logger: Logger;
}


const RecipientsSchema = z.array(z.object({ emailAddress: z.string().min(3) })).default([]);

/**
 * An SES event as a configuration set publishes it (`eventType`), or as an
 * identity notification (`notificationType`); only bounces and complaints
 * reach this queue, anything else is acknowledged and ignored.
 */
const SesEventSchema = z.union([
  z.object({
    eventType: z.literal('Bounce').optional(),
    notificationType: z.literal('Bounce').optional(),
    bounce: z.object({ bounceType: z.string(), bounceSubType: z.string().optional(), bouncedRecipients: RecipientsSchema }),
  }),
  z.object({
    eventType: z.literal('Complaint').optional(),
    notificationType: z.literal('Complaint').optional(),
    complaint: z.object({ complaintFeedbackType: z.string().optional(), complainedRecipients: RecipientsSchema }),
  }),
  z.object({ eventType: z.string().optional(), notificationType: z.string().optional() }),
]);

/** What one SES event asks for: addresses to suspend and why (none for transient bounces). */
export function feedbackAction(message: unknown): { reason: EmailFeedbackReason; addresses: string[] } | { ignore: string } {
  const event = SesEventSchema.parse(message);
  if ('bounce' in event) {
    // Transient bounces (mailbox full, greylisting) clear up; only permanent ones suspend.
    if (event.bounce.bounceType !== 'Permanent') return { ignore: `bounce:${event.bounce.bounceType}` };
    return { reason: 'bounced', addresses: event.bounce.bouncedRecipients.map((r) => r.emailAddress) };
  }
  if ('complaint' in event) {
    // "not-spam" feedback is a retraction, not a complaint.
    if (event.complaint.complaintFeedbackType === 'not-spam') return { ignore: 'complaint:not-spam' };
    return { reason: 'complained', addresses: event.complaint.complainedRecipients.map((r) => r.emailAddress) };
  }
  return { ignore: `event:${event.eventType ?? event.notificationType ?? 'unknown'}` };
}

/**
 * The SES feedback worker: each SQS record carries one bounce or complaint
 * event; the addresses it names have their email subscriptions suspended.
 * Malformed records are logged and dropped (a retry cannot fix them);
 * store failures come back through the partial batch response. Addresses
 * are personal data and are never logged.
 */
export function createSesFeedbackHandler(deps: SesFeedbackDeps): SqsHandler {
  return async (event): Promise<SqsBatchResponse> => {
    const batchItemFailures: SqsBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      let action: ReturnType<typeof feedbackAction>;
      try {
        const envelope = SnsEnvelopeSchema.parse(JSON.parse(record.body));
        action = feedbackAction(JSON.parse(envelope.Message));
      } catch (error) {
        deps.logger.error('ses feedback record is malformed; dropped', { messageId: record.messageId, error: error instanceof Error ? error.name : 'unknown' });
        continue;
      }
      if ('ignore' in action) {
        deps.logger.info('ses feedback ignored', { messageId: record.messageId, why: action.ignore });
        continue;
      }
      try {
        let suspended = 0;
        for (const address of new Set(action.addresses.map((a) => a.trim().toLowerCase()))) {
          suspended += (await suspendEmailAddress(deps, address, action.reason)).suspended;
        }
        deps.logger.info('ses feedback applied', { messageId: record.messageId, reason: action.reason, recipients: action.addresses.length, suspended });
      } catch (error) {
        deps.logger.error('ses feedback failed; will retry', { messageId: record.messageId, error: error instanceof Error ? error.message : 'unknown' });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
