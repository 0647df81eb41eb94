import { awsDeliverWebhookDeps } from '../wiring/aws/deliver-webhook';
import { createDeliverWebhookHandler } from './handler';

/** The Lambda entry (topology: functions.deliverWebhook); configuration is checked at cold start. */
export const handler = createDeliverWebhookHandler(awsDeliverWebhookDeps());
