import { awsDeliveryDeps } from '../wiring/aws';
import { createDeliverEmailHandler } from './handler';

/** The Lambda entry (topology: functions.deliverEmail); configuration is checked at cold start. */
export const handler = createDeliverEmailHandler(awsDeliveryDeps('email'));
