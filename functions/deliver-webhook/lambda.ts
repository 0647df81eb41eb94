import { awsDeliveryDeps } from '../wiring/aws';
import { createDeliverWebhookHandler } from './handler';

/** The Lambda entry (topology: functions.deliverWebhook); configuration is checked at cold start. */
export const handler = createDeliverWebhookHandler(awsDeliveryDeps('webhook'));
