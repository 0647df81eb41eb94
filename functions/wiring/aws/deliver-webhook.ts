import { httpWebhookSender } from '../../../shared/adapters/webhook/http-webhook-sender';
import type { DeliverWebhookDeps } from '../../deliver-webhook/handler';
import { DeliveryEnvSchema, awsDeliveryDeps } from './delivery';
import type { LambdaObservability } from './observability';

/** Wires the webhook worker: the shared delivery ports and HTTPS POSTs (loopback refused). No secrets: each subscription carries its own. */
export function awsDeliverWebhookDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): DeliverWebhookDeps {
  return { ...awsDeliveryDeps('webhook', DeliveryEnvSchema.parse(env), observability), webhooks: httpWebhookSender({ allowLoopback: false }) };
}
