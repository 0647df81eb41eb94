import { awsSchedulerDeps, loadAwsSecrets } from '../wiring/aws';
import { schedulerHandler } from './handler';

// Secrets come by ARN and are read once, before anything is wired.
await loadAwsSecrets();

/** EventBridge schedule entry point; configuration is checked here, once, at cold start. */
export const handler = schedulerHandler(awsSchedulerDeps());
