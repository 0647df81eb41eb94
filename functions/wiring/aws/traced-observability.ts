import { powertoolsMetrics } from '../../../shared/adapters/powertools/emf-metrics';
import { lambdaObservability, type LambdaObservability } from '../../../shared/adapters/powertools/lambda-observability';
import { powertoolsSdkTracer } from '../../../shared/adapters/powertools/sdk-tracer';
import { ServiceEnvSchema } from './env';

/** Logs, EMF metrics and SDK traces of the function, under the service name the stack gives it: for the stream, queue and schedule consumers. */
export function tracedObservability(env: NodeJS.ProcessEnv = process.env): LambdaObservability {
  const service = ServiceEnvSchema.parse(env).POWERTOOLS_SERVICE_NAME;
  return lambdaObservability(service, { metrics: powertoolsMetrics(service), tracer: powertoolsSdkTracer(service) });
}
