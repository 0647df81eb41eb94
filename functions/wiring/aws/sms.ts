import type { SNSClient } from '@aws-sdk/client-sns';
import type * as z from 'zod';
import { snsSmsSender } from '../../../shared/adapters/sns/sns-sms-sender';
import type { SmsSender } from '../../../shared/ports/messaging';
import type { SmsEnvSchema } from './env';

/** SNS SMS, sent from the two-way origination number when the stack has one, so replies reach the inbound topic. */
export function awsSmsSender(config: z.infer<typeof SmsEnvSchema>, client: SNSClient): SmsSender {
  return snsSmsSender(client, { originationNumber: config.SMS_ORIGINATION_NUMBER });
}
