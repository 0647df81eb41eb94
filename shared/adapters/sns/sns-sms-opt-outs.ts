import { ListPhoneNumbersOptedOutCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsOptOuts } from '../../ports/sms-opt-outs';
import { retryThrottled, type ThrottleRetryOptions } from '../retry/throttle-retry';

/**
 * The account's SMS opt-out list from SNS, one `ListPhoneNumbersOptedOut`
 * page (up to 100 numbers) per call, the `nextToken` as the cursor. SNS
 * throttles this action hard, so throttling is retried with backoff.
 */
export function snsSmsOptOuts(client: SNSClient, retry?: ThrottleRetryOptions): SmsOptOuts {
  return {
    async listOptedOut(cursor) {
      const res = await retryThrottled(() => client.send(new ListPhoneNumbersOptedOutCommand(cursor ? { nextToken: cursor } : {})), retry);
      return { items: res.phoneNumbers ?? [], cursor: res.nextToken || null };
    },
  };
}
