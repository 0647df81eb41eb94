import { awsSchedulerDeps } from '../wiring/aws';
import { createSesFeedbackHandler } from './handler';

/**
 * SQS entry point for SES bounce and complaint events (topology:
 * functions.sesFeedback); configuration is checked at cold start.
 * The scheduler's wiring carries exactly the ports this needs (the
 * subscription store, a clock and a logger).
 */
export const handler = createSesFeedbackHandler(awsSchedulerDeps());
