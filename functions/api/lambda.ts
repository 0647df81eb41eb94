import { handle } from 'hono/aws-lambda';
import { awsApiDeps } from '../wiring/aws/api';
import { awsObservability, observed } from '../wiring/aws/observability';
import { awsOriginSecret } from '../wiring/aws/secrets';
import { createApiApp } from './surfaces/api';

// Only requests through CloudFront carry the origin secret; it is read once, before anything is served.
const originSecret = await awsOriginSecret();
const observability = awsObservability();

/** API Gateway entry of the Api function: the JSON API for keys (functions/api/surfaces/api.ts). */
export const handler = observed(observability, handle(createApiApp({ ...awsApiDeps(observability), originSecret }).app));
