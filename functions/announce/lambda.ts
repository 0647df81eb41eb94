import { awsAnnounceDeps } from '../wiring/aws/announce';
import { observed } from '../wiring/aws/observability';
import { tracedObservability } from '../wiring/aws/traced-observability';
import { announceHandler } from './handler';

const observability = tracedObservability();

/**
 * DynamoDB stream entry point (event source mapping with
 * ReportBatchItemFailures). Configuration is checked here, once, at cold start.
 */
export const handler = observed(observability, announceHandler(awsAnnounceDeps(observability)));
