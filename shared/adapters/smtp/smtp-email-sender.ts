import nodemailer from 'nodemailer';
import { headerValue } from '../../domain/text';
import type { BulkEmailSender, EmailMessage, EmailSender } from '../../ports/messaging';
import { sendBulkByCopies } from '../email/bulk-by-copies';

/** A local SMTP server answers at once; an unreachable one should fail a delivery in seconds, not minutes. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function safeHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [headerValue(name), headerValue(value)]));
}

/**
 * Local mode's real email: nodemailer over `SMTP_URL` (e.g.
 * smtp://127.0.0.1:1025 for Mailpit or MailHog). Headers such as
 * List-Unsubscribe are passed through.
 */
export function smtpEmailSender(smtpUrl: string, from: string): EmailSender & BulkEmailSender {
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 5, ...TIMEOUTS });
  const sendEmail = async (message: EmailMessage) => {
    const info = await transport.sendMail({
      from,
      to: message.to,
      // Headers never carry a line break, whatever the caller built (header injection).
      subject: headerValue(message.subject),
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      ...(message.headers ? { headers: safeHeaders(message.headers) } : {}),
    });
    return { messageId: String(info.messageId ?? '') };
  };
  return { sendEmail, sendBulkEmail: (email) => sendBulkByCopies(sendEmail, email) };
}

/**
 * Sends through `primary` (SMTP) and, once it has taken the message,
 * records it with each of `copies` (the outbox), so the dev routes show
 * what went out and a failed send is neither shown nor recorded twice when
 * it is retried. Answers with the primary's message id.
 */
export function teeEmailSender(primary: EmailSender, ...copies: EmailSender[]): EmailSender & BulkEmailSender {
  const sendEmail = async (message: EmailMessage) => {
    const sent = await primary.sendEmail(message);
    for (const copy of copies) await copy.sendEmail(message);
    return sent;
  };
  return { sendEmail, sendBulkEmail: (email) => sendBulkByCopies(sendEmail, email) };
}
