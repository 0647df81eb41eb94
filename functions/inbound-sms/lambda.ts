import { awsInboundSmsDeps } from '../wiring/aws/inbound-sms';
import { observed } from '../wiring/aws/observability';
import { tracedObservability } from '../wiring/aws/traced-observability';
import { createInboundSmsHandler } from './handler';

const observability = tracedObservability();

/**
 * SQS entry point for two-way SMS from AWS End User Messaging, delivered
 * through its SNS topic (topology: functions.inboundSms); configuration is
 * checked at cold start.
 */
export const handler = observed(observability, createInboundSmsHandler(awsInboundSmsDeps(observability)));
