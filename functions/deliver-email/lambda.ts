import { awsDeliverEmailDeps } from '../wiring/aws/deliver-email';
import { loadAwsSecrets } from '../wiring/aws/secrets';
import { createDeliverEmailHandler } from './handler';

// The link key comes by ARN and is read once, before anything is wired.
await loadAwsSecrets();

/** The Lambda entry (topology: functions.deliverEmail); configuration is checked at cold start. */
export const handler = createDeliverEmailHandler(awsDeliverEmailDeps());
