import type { DeliverEmailDeps } from '../../deliver-email/handler';
import { DeliveryEnvSchema, awsDeliveryDeps } from './delivery';
import { awsBulkEmailSender } from './bulk-email';
import { EmailEnvSchema, LinksEnvSchema, linkDeps } from './env';
import type { LambdaObservability } from './observability';

const DeliverEmailEnvSchema = DeliveryEnvSchema.extend({ ...LinksEnvSchema.shape, ...EmailEnvSchema.shape });

/** Wires the email worker: the shared delivery ports, SES, and the link key for manage and unsubscribe links. Call after `loadAwsSecrets()`. */
export function awsDeliverEmailDeps(observability: LambdaObservability, env: NodeJS.ProcessEnv = process.env): DeliverEmailDeps {
  const config = DeliverEmailEnvSchema.parse(env);
  return { ...awsDeliveryDeps('email', config, observability), ...linkDeps(config), email: awsBulkEmailSender(config, observability) };
}
