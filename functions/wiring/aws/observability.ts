import type { Context } from 'aws-lambda';
import { lambdaObservability, type LambdaObservability } from '../../../shared/adapters/powertools/lambda-observability';
import { ServiceEnvSchema } from './env';

export type { LambdaObservability } from '../../../shared/adapters/powertools/lambda-observability';

/**
 * Logs of the function, under the service name the stack gives it, with no
 * EMF metrics and no SDK tracing: the HTTP functions' choice, as they record
 * no metrics and the X-Ray SDK would take most of their bundle budget
 * (tracedObservability otherwise).
 */
export function awsObservability(env: NodeJS.ProcessEnv = process.env): LambdaObservability {
  return lambdaObservability(ServiceEnvSchema.parse(env).POWERTOOLS_SERVICE_NAME);
}

/** A Lambda handler whose every invocation is observed: Lambda's context in the logs, the invocation's metrics published at its end. */
export function observed<E, R>(observability: LambdaObservability, handler: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  return (event, context) => observability.invocation(context, () => handler(event, context));
}
