import { handle } from 'hono/aws-lambda';
import { awsApiDeps } from '../wiring/aws/api';
import { createApiApp } from './surfaces/api';

/** API Gateway entry of the Api function: the JSON API for keys (functions/api/surfaces/api.ts). It reads no secret. */
export const handler = handle(createApiApp(awsApiDeps()).app);
