import { observed } from '../wiring/aws/observability';
import { awsSesFeedbackDeps } from '../wiring/aws/ses-feedback';
import { tracedObservability } from '../wiring/aws/traced-observability';
import { createSesFeedbackHandler } from './handler';

const observability = tracedObservability();

/**
 * SQS entry point for SES bounce and complaint events (topology:
 * functions.sesFeedback); configuration is checked at cold start.
 */
export const handler = observed(observability, createSesFeedbackHandler(awsSesFeedbackDeps(observability)));
