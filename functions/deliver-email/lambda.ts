import { awsDeliverEmailDeps } from '../wiring/aws/deliver-email';
import { observed } from '../wiring/aws/observability';
import { loadAwsSecrets } from '../wiring/aws/secrets';
import { tracedObservability } from '../wiring/aws/traced-observability';
import { createDeliverEmailHandler } from './handler';

// The link key comes by ARN and is read once, before anything is wired.
await loadAwsSecrets();
const observability = tracedObservability();

/** The Lambda entry (topology: functions.deliverEmail); configuration is checked at cold start. */
export const handler = observed(observability, createDeliverEmailHandler(awsDeliverEmailDeps(observability)));
