import { observed } from '../wiring/aws/observability';
import { awsRotateOriginSecretDeps } from '../wiring/aws/rotate-origin-secret';
import { tracedObservability } from '../wiring/aws/traced-observability';
import { rotateOriginSecretHandler } from './handler';

const observability = tracedObservability();

/** The Lambda entry (topology: functions.rotateOriginSecret); configuration is checked at cold start. */
export const handler = observed(observability, rotateOriginSecretHandler(awsRotateOriginSecretDeps(observability)));
