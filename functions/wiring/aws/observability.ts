import type { Context } from 'aws-lambda';
import { lambdaObservability, type LambdaObservability } from '../../../shared/adapters/powertools/lambda-observability';
import { serviceOf, type FunctionSpec } from '../../../shared/topology';

export type { LambdaObservability } from '../../../shared/adapters/powertools/lambda-observability';

/**
 * Logs of the function built from `spec`, under its service name, with no
 * EMF metrics and no SDK tracing: the HTTP functions' choice, as they record
 * no metrics and the X-Ray SDK would take most of their bundle budget
 * (tracedObservability otherwise).
 */
export function awsObservability(spec: FunctionSpec): LambdaObservability {
  return lambdaObservability(serviceOf(spec));
}

/** A Lambda handler whose every invocation is observed: Lambda's context in the logs, the invocation's metrics published at its end. */
export function observed<E, R>(observability: LambdaObservability, handler: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  return (event, context) => observability.invocation(context, () => handler(event, context));
}
