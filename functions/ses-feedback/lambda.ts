import { awsSesFeedbackDeps } from '../wiring/aws/ses-feedback';
import { createSesFeedbackHandler } from './handler';

/**
 * SQS entry point for SES bounce and complaint events (topology:
 * functions.sesFeedback); configuration is checked at cold start.
 */
export const handler = createSesFeedbackHandler(awsSesFeedbackDeps());
