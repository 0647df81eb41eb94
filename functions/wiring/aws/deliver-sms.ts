import { SNSClient } from '@aws-sdk/client-sns';
import type { DeliverSmsDeps } from '../../deliver-sms/handler';
import { DeliveryEnvSchema, awsDeliveryDeps } from './delivery';
import { SmsEnvSchema } from './env';
import type { LambdaObservability } from './observability';
import { awsSmsSender } from './sms';

/** Wires the SMS worker: the shared delivery ports and SNS SMS. No secrets: its unsubscribe link is a stored code. */
export function awsDeliverSmsDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): DeliverSmsDeps {
  return { ...awsDeliveryDeps('sms', DeliveryEnvSchema.parse(env), observability), sms: awsSmsSender(SmsEnvSchema.parse(env), observability.traced(new SNSClient({}))) };
}
