import { handle } from 'hono/aws-lambda';
import { committedOpenApiDocument } from '../api/openapi/committed-document';
import { createPublicReadApp } from '../api/surfaces/public-read';
import { awsObservability, observed } from '../wiring/aws/observability';
import { awsPublicReadDeps } from '../wiring/aws/public-read';
import { awsOriginSecret, loadAwsSecrets } from '../wiring/aws/secrets';

// The link key (which signs session cookies) and the origin secret come by ARN and are read once, before anything is wired.
const [originSecret] = await Promise.all([awsOriginSecret(), loadAwsSecrets()]);
const observability = awsObservability();

/** API Gateway entry of the PublicRead function: public pages, feeds and JSON reads (functions/api/surfaces/public-read.ts). */
export const handler = observed(observability, handle(createPublicReadApp({ ...awsPublicReadDeps(observability), originSecret }, committedOpenApiDocument).app));
