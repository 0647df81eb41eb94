import { SESv2Client } from '@aws-sdk/client-sesv2';
import type * as z from 'zod';
import { sesBulkEmailSender } from '../../../shared/adapters/ses/ses-bulk-email-sender';
import type { BulkEmailSender } from '../../../shared/ports/messaging';
import type { EmailEnvSchema } from './env';
import type { LambdaObservability } from './observability';

/** SES v2 bulk sends from the verified sender, in the stack's configuration set: the email worker's sender. */
export function awsBulkEmailSender(config: z.infer<typeof EmailEnvSchema>, observability: Pick<LambdaObservability, 'traced'>): BulkEmailSender {
  return sesBulkEmailSender(observability.traced(new SESv2Client({})), config.SENDER_EMAIL, config.SES_CONFIGURATION_SET);
}
