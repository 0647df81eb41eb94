import { expandTemplate } from '../../domain/email-template';
import { RecipientRejectedError } from '../../errors';
import type { BulkEmail, BulkEmailResult, EmailMessage } from '../../ports/messaging';

/**
 * A bulk send for a transport without one (the outbox, SMTP): each
 * destination's copy is expanded as SES would and sent on its own, a few at
 * a time; a refusal or failure of one copy is its result, never the batch's.
 */
export async function sendBulkByCopies(send: (message: EmailMessage) => Promise<{ messageId: string }>, email: BulkEmail, concurrency = 5): Promise<BulkEmailResult[]> {
  const results: BulkEmailResult[] = new Array(email.destinations.length);
  let next = 0;
  const worker = async () => {
    while (next < email.destinations.length) {
      const index = next++;
      try {
        const { messageId } = await send(expandTemplate(email.template, email.destinations[index]!));
        results[index] = { status: 'sent', messageId };
      } catch (error) {
        results[index] = error instanceof RecipientRejectedError ? { status: 'rejected', reason: error.reason } : { status: 'retry', reason: `send-error: ${error instanceof Error ? error.name : 'non-error'}` };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, email.destinations.length) }, worker));
  return results;
}
