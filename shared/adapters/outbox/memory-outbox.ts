import type { Clock, Ids } from '../../ports/clock';
import { RecipientRejectedError } from '../../errors';
import { headerValue } from '../../domain/text';
import type { EmailMessage, Outbox, OutboxRecord, SmsMessage } from '../../ports/messaging';
import type { SmsOptOutList } from '../../ports/sms-opt-outs';
import { sendBulkByCopies } from '../email/bulk-by-copies';

/** Kept in memory; the newest records win when the cap is reached. */
const CAP = 2_000;

/**
 * Local mode's SES and SNS SMS: messages are kept for the outbox route and
 * the web UI. With `optOuts`, an SMS to a number on that list is refused as
 * SNS refuses it (a `RecipientRejectedError` 'opted-out'), and not kept.
 */
export function memoryOutbox(clock: Clock, ids: Ids, optOuts?: Pick<SmsOptOutList, 'isOptedOut'>): Outbox {
  const records: OutboxRecord[] = [];
  const add = (record: OutboxRecord) => {
    records.unshift(record);
    if (records.length > CAP) records.length = CAP;
    return { messageId: record.id };
  };
  const sendEmail = async (message: EmailMessage) =>
    add({
      id: ids.next(),
      channel: 'email',
      to: message.to,
      // As SES and SMTP send it: no line break in any header.
      subject: headerValue(message.subject),
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      ...(message.headers ? { headers: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, headerValue(value)])) } : {}),
        createdAt: clock.now(),
      });
  return {
    sendEmail,
    sendBulkEmail: (email) => sendBulkByCopies(sendEmail, email, 1),
    sendSms: async (message: SmsMessage) => {
      if (optOuts?.isOptedOut(message.to)) throw new RecipientRejectedError('opted-out', 'The phone number has opted out of SMS');
      return add({ id: ids.next(), channel: 'sms', to: message.to, text: message.text, createdAt: clock.now() });
    },
    list: () => [...records],
  };
}
