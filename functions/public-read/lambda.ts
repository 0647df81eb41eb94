import { handle } from 'hono/aws-lambda';
import { createPublicReadApp } from '../api/surfaces/public-read';
import { awsPublicReadDeps } from '../wiring/aws/public-read';
import { loadAwsSecrets } from '../wiring/aws/secrets';

// The link key (which signs session cookies) comes by ARN and is read once, before anything is wired.
await loadAwsSecrets();

/** API Gateway entry of the PublicRead function: public pages, feeds and JSON reads (functions/api/surfaces/public-read.ts). */
export const handler = handle(createPublicReadApp(awsPublicReadDeps()).app);
