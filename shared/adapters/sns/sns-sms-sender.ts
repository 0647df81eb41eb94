import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsMessage, SmsSender } from '../../ports/messaging';

/** Sends a transactional SMS through SNS Publish to a phone number. */
export function snsSmsSender(client: SNSClient, senderId?: string): SmsSender {
  return {
    async sendSms(message: SmsMessage) {
      const res = await client.send(
        new PublishCommand({
          PhoneNumber: message.to,
          Message: message.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId } } : {}),
          },
        }),
      );
      return { messageId: res.MessageId ?? '' };
    },
  };
}
