import { awsIndexSearchDeps } from '../wiring/aws/index-search';
import { observed } from '../wiring/aws/observability';
import { tracedObservability } from '../wiring/aws/traced-observability';
import { indexSearchHandler } from './handler';

const observability = tracedObservability();

/**
 * DynamoDB stream entry point of the search indexer (its own event source
 * mapping, filtered to publication heads). Configuration is checked here,
 * once, at cold start.
 */
export const handler = observed(observability, indexSearchHandler(awsIndexSearchDeps(observability)));
