import { handle } from 'hono/aws-lambda';
import { createPublicReadApp } from '../api/surfaces/public-read';
import { awsPublicReadDeps } from '../wiring/aws/public-read';
import { awsOriginSecret, loadAwsSecrets } from '../wiring/aws/secrets';

// The link key (which signs session cookies) and the origin secret come by ARN and are read once, before anything is wired.
const [originSecret] = await Promise.all([awsOriginSecret(), loadAwsSecrets()]);

/** API Gateway entry of the PublicRead function: public pages, feeds and JSON reads (functions/api/surfaces/public-read.ts). */
export const handler = handle(createPublicReadApp({ ...awsPublicReadDeps(), originSecret }).app);
