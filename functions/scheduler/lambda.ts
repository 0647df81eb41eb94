import { awsSchedulerDeps } from '../wiring/aws';
import { schedulerHandler } from './handler';

/** EventBridge schedule entry point; configuration is checked here, once, at cold start. */
export const handler = schedulerHandler(awsSchedulerDeps());
