import { awsDeliveryDeps, loadAwsSecrets } from '../wiring/aws';
import { createDeliverSmsHandler } from './handler';

// Secrets come by ARN and are read once, before anything is wired.
await loadAwsSecrets();

/** The Lambda entry (topology: functions.deliverSms); configuration is checked at cold start. */
export const handler = createDeliverSmsHandler(awsDeliveryDeps('sms'));
