import { handle } from 'hono/aws-lambda';
import { awsApiDeps } from '../wiring/aws/api';
import { loadAwsSecrets } from '../wiring/aws/secrets';
import { createApp } from './app';

// Secrets come by ARN and are read once, before anything is wired.
await loadAwsSecrets();

/** API Gateway HTTP API entry point: the same Hono app as local mode. */
export const handler = handle(createApp(awsApiDeps()).app);
