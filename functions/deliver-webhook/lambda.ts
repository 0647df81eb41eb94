import { awsDeliveryDeps, loadAwsSecrets } from '../wiring/aws';
import { createDeliverWebhookHandler } from './handler';

// Secrets come by ARN and are read once, before anything is wired.
await loadAwsSecrets();

/** The Lambda entry (topology: functions.deliverWebhook); configuration is checked at cold start. */
export const handler = createDeliverWebhookHandler(awsDeliveryDeps('webhook'));
