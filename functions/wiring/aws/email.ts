import { SESv2Client } from '@aws-sdk/client-sesv2';
import type * as z from 'zod';
import { sesEmailSender } from '../../../shared/adapters/ses/ses-email-sender';
import type { EmailSender } from '../../../shared/ports/messaging';
import type { EmailEnvSchema } from './env';
import type { LambdaObservability } from './observability';

/** SES v2 from the verified sender, in the stack's configuration set. */
export function awsEmailSender(config: z.infer<typeof EmailEnvSchema>, observability: Pick<LambdaObservability, 'traced'>): EmailSender {
  return sesEmailSender(observability.traced(new SESv2Client({})), config.SENDER_EMAIL, config.SES_CONFIGURATION_SET);
}
