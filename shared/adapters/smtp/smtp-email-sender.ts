import nodemailer from 'nodemailer';
import type { EmailMessage, EmailSender } from '../../ports/messaging';

/**
 * Local mode's real email: nodemailer over `SMTP_URL` (e.g.
 * smtp://127.0.0.1:1025 for Mailpit or MailHog). Headers such as
 * List-Unsubscribe are passed through.
 */
export function smtpEmailSender(smtpUrl: string, from: string): EmailSender {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async sendEmail(message: EmailMessage) {
      const info = await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
      });
      return { messageId: String(info.messageId ?? '') };
    },
  };
}

/** Sends through SMTP and also records in the outbox, so the dev route still shows what went out. */
export function teeEmailSender(...senders: EmailSender[]): EmailSender {
  return {
    async sendEmail(message) {
      const results = await Promise.all(senders.map((s) => s.sendEmail(message)));
      return results[0] ?? { messageId: '' };
    },
  };
}
