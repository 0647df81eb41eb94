import { awsServiceDeps } from '../wiring/aws';
import { schedulerHandler } from './handler';

/** EventBridge schedule entry point. */
export const handler = schedulerHandler(awsServiceDeps());
