import { awsDeliverSmsDeps } from '../wiring/aws/deliver-sms';
import { createDeliverSmsHandler } from './handler';

/** The Lambda entry (topology: functions.deliverSms); configuration is checked at cold start. */
export const handler = createDeliverSmsHandler(awsDeliverSmsDeps());
