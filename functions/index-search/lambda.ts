import { awsIndexSearchDeps } from '../wiring/aws/index-search';
import { indexSearchHandler } from './handler';

/**
 * DynamoDB stream entry point of the search indexer (its own event source
 * mapping, filtered to publication heads). Configuration is checked here,
 * once, at cold start.
 */
export const handler = indexSearchHandler(awsIndexSearchDeps());
