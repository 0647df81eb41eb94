import { awsRotateOriginSecretDeps } from '../wiring/aws/rotate-origin-secret';
import { rotateOriginSecretHandler } from './handler';

/** The Lambda entry (topology: functions.rotateOriginSecret); configuration is checked at cold start. */
export const handler = rotateOriginSecretHandler(awsRotateOriginSecretDeps());
