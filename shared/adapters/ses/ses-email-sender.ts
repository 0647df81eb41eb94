import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailMessage, EmailSender } from '../../ports/messaging';
import { RecipientRejectedError } from '../../errors';
import { headerValue } from '../../domain/text';
import { retryThrottled, type ThrottleRetryOptions } from '../retry/throttle-retry';

/** Sends email through SES v2 from a verified identity, in a configuration set that reports bounces and complaints. */
export function sesEmailSender(client: SESv2Client, from: string, configurationSetName?: string, retry?: ThrottleRetryOptions): EmailSender {
  return {
    async sendEmail(message: EmailMessage) {
      // Throttling (TooManyRequestsException) is retried with backoff; a rejected message is final for this recipient.
      const res = await retryThrottled(() => client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
          Content: {
            Simple: {
              // Headers never carry a line break, whatever the caller built (header injection).
              Subject: { Data: headerValue(message.subject), Charset: 'UTF-8' },
              Body: {
                Text: { Data: message.text, Charset: 'UTF-8' },
                ...(message.html ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}),
              },
              ...(message.headers ? { Headers: Object.entries(message.headers).map(([Name, Value]) => ({ Name: headerValue(Name), Value: headerValue(Value) })) } : {}),
            },
          },
        }),
      ), retry).catch((error: unknown) => {
        if (error instanceof Error && error.name === 'MessageRejected') throw new RecipientRejectedError('rejected', 'SES rejected the message', { cause: error });
        throw error;
      });
      return { messageId: res.MessageId ?? '' };
    },
  };
}
