import { Tracer } from '@aws-lambda-powertools/tracer';
import type { SdkClientTracer } from './lambda-observability';

/**
 * Powertools' Tracer for the AWS SDK clients of one function: each call a
 * subsegment of the invocation's trace. Other HTTP requests are not
 * captured: webhook URLs belong to members and may carry secrets.
 */
export function powertoolsSdkTracer(service: string): SdkClientTracer {
  const tracer = new Tracer({ serviceName: service, captureHTTPsRequests: false });
  return (client) => tracer.captureAWSv3Client(client);
}
