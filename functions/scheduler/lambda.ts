import { observed } from '../wiring/aws/observability';
import { awsSchedulerDeps } from '../wiring/aws/scheduler';
import { tracedObservability } from '../wiring/aws/traced-observability';
import { schedulerHandler } from './handler';

const observability = tracedObservability();

/** EventBridge schedule entry point; configuration is checked here, once, at cold start. */
export const handler = observed(observability, schedulerHandler(awsSchedulerDeps(observability)));
