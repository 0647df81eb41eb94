import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailMessage, EmailSender } from '../../ports/messaging';

/** Sends email through SES v2 from a verified identity, in a configuration set that reports bounces and complaints. */
export function sesEmailSender(client: SESv2Client, from: string, configurationSetName?: string): EmailSender {
  return {
    async sendEmail(message: EmailMessage) {
      const res = await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: message.text, Charset: 'UTF-8' },
                ...(message.html ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}),
              },
              ...(message.headers ? { Headers: Object.entries(message.headers).map(([Name, Value]) => ({ Name, Value })) } : {}),
            },
          },
        }),
      );
      return { messageId: res.MessageId ?? '' };
    },
  };
}
