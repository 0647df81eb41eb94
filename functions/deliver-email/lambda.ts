import { awsDeliveryDeps, loadAwsSecrets } from '../wiring/aws';
import { createDeliverEmailHandler } from './handler';

// Secrets come by ARN and are read once, before anything is wired.
await loadAwsSecrets();

/** The Lambda entry (topology: functions.deliverEmail); configuration is checked at cold start. */
export const handler = createDeliverEmailHandler(awsDeliveryDeps('email'));
