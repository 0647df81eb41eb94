import { SNSClient } from '@aws-sdk/client-sns';
import { snsSmsSender } from '../../../shared/adapters/sns/sns-sms-sender';
import type { DeliverSmsDeps } from '../../deliver-sms/handler';
import { DeliveryEnvSchema, awsDeliveryDeps } from './delivery';
import type { LambdaObservability } from './observability';

/** Wires the SMS worker: the shared delivery ports and SNS SMS. No secrets: its unsubscribe link is a stored code. */
export function awsDeliverSmsDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): DeliverSmsDeps {
  return { ...awsDeliveryDeps('sms', DeliveryEnvSchema.parse(env), observability), sms: snsSmsSender(observability.traced(new SNSClient({}))) };
}
