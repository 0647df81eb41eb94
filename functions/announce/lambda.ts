import { awsAnnounceDeps } from '../wiring/aws/announce';
import { announceHandler } from './handler';

/**
 * DynamoDB stream entry point (event source mapping with
 * ReportBatchItemFailures). Configuration is checked here, once, at cold start.
 */
export const handler = announceHandler(awsAnnounceDeps());
