import { powertoolsMetrics } from '../../../shared/adapters/powertools/emf-metrics';
import { lambdaObservability, type LambdaObservability } from '../../../shared/adapters/powertools/lambda-observability';
import { powertoolsSdkTracer } from '../../../shared/adapters/powertools/sdk-tracer';
import { serviceOf, type FunctionSpec } from '../../../shared/topology';

/** Logs, EMF metrics and SDK traces of the function built from `spec`: for the stream, queue and schedule consumers. */
export function tracedObservability(spec: FunctionSpec): LambdaObservability {
  const service = serviceOf(spec);
  return lambdaObservability(service, { metrics: powertoolsMetrics(service), tracer: powertoolsSdkTracer(service) });
}
