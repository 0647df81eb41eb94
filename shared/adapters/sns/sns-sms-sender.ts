import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsMessage, SmsSender } from '../../ports/messaging';
import { RecipientRejectedError } from '../../errors';
import { retryThrottled, type ThrottleRetryOptions } from '../retry/throttle-retry';

/** How SMS are sent: from which number (the two-way one, so replies come back) or sender id, and how throttling is retried. */
export interface SnsSmsOptions {
  /** An origination number of the account, in E.164: replies to it reach its two-way channel. */
  originationNumber?: string | undefined;
  senderId?: string | undefined;
  retry?: ThrottleRetryOptions | undefined;
}

/** Sends a transactional SMS through SNS Publish to a phone number. */
export function snsSmsSender(client: SNSClient, { originationNumber, senderId, retry }: SnsSmsOptions = {}): SmsSender {
  return {
    async sendSms(message: SmsMessage) {
      // A number that replied STOP is opted out at SNS: Publish would not reach it, so do not pay for it.
      const check = await retryThrottled(() => client.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: message.to })), retry);
      if (check.isOptedOut) throw new RecipientRejectedError('opted-out', 'The phone number has opted out of SMS');
      const res = await retryThrottled(() => client.send(
        new PublishCommand({
          PhoneNumber: message.to,
          Message: message.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId } } : {}),
            ...(originationNumber ? { 'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: originationNumber } } : {}),
          },
        }),
      ), retry).catch((error: unknown) => {
        if (error instanceof Error && error.name === 'OptedOutException') throw new RecipientRejectedError('opted-out', 'The phone number has opted out of SMS', { cause: error });
        throw error;
      });
      return { messageId: res.MessageId ?? '' };
    },
  };
}
