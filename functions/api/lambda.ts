import { handle } from 'hono/aws-lambda';
import { awsApiDeps } from '../wiring/aws';
import { createApp } from './app';

/** API Gateway HTTP API entry point: the same Hono app as local mode. */
export const handler = handle(createApp(awsApiDeps()).app);
