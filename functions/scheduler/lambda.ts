import { awsSchedulerDeps } from '../wiring/aws/scheduler';
import { schedulerHandler } from './handler';

/** EventBridge schedule entry point; configuration is checked here, once, at cold start. */
export const handler = schedulerHandler(awsSchedulerDeps());
