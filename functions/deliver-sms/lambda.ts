import { awsDeliverSmsDeps } from '../wiring/aws/deliver-sms';
import { observed } from '../wiring/aws/observability';
import { tracedObservability } from '../wiring/aws/traced-observability';
import { createDeliverSmsHandler } from './handler';

const observability = tracedObservability();

/** The Lambda entry (topology: functions.deliverSms); configuration is checked at cold start. */
export const handler = observed(observability, createDeliverSmsHandler(awsDeliverSmsDeps(observability)));
