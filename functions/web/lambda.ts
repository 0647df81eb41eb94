import { handle } from 'hono/aws-lambda';
import { createWebApp } from '../api/surfaces/people';
import { awsObservability, observed } from '../wiring/aws/observability';
import { awsWebDeps } from '../wiring/aws/web';
import { awsOriginSecret, loadAwsSecrets } from '../wiring/aws/secrets';

// The link key and the origin secret come by ARN and are read once, before anything is wired.
const [originSecret] = await Promise.all([awsOriginSecret(), loadAwsSecrets()]);
const observability = awsObservability();

/** API Gateway entry of the Web function: subscriptions, sign-in, console and portal (functions/api/surfaces/people.ts). */
export const handler = observed(observability, handle(createWebApp({ ...awsWebDeps(observability), originSecret }).app));
