import { awsDeliverWebhookDeps } from '../wiring/aws/deliver-webhook';
import { observed } from '../wiring/aws/observability';
import { tracedObservability } from '../wiring/aws/traced-observability';
import { createDeliverWebhookHandler } from './handler';

const observability = tracedObservability();

/** The Lambda entry (topology: functions.deliverWebhook); configuration is checked at cold start. */
export const handler = observed(observability, createDeliverWebhookHandler(awsDeliverWebhookDeps(observability)));
