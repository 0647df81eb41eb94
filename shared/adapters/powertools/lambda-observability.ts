import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { Logger } from '../../ports/logger';
import type { Metrics } from '../../ports/metrics';
import { asyncCorrelation } from '../system/correlation-scope';
import { logMetrics } from '../system/log-metrics';
import type { InvocationMetrics } from './emf-metrics';

/** Instruments an AWS SDK client so that its calls are traced (sdk-tracer.ts); returns the same client. */
export type SdkClientTracer = <C extends object>(client: C) => C;

/** A function's logs, metrics and traces, on Powertools for AWS Lambda. */
export interface LambdaObservability {
  /** Structured JSON lines with Lambda's context (request id, cold start, trace id) and the correlation id of the work under way. */
  logger: Logger;
  /** Published in the embedded metric format at the end of each invocation (log lines when the function was given no EMF metrics). */
  metrics: Metrics;
  /** Traces the calls of an AWS SDK client as X-Ray subsegments (when the function was given a tracer). */
  traced<C extends object>(client: C): C;
  /** Runs one invocation: Lambda's context in every log line, the invocation's metrics published when it ends. */
  invocation<R>(context: Context, work: () => Promise<R>): Promise<R>;
}

/**
 * Powertools' Logger behind Outpost's Logger port for one function named
 * `service`, with Powertools' Metrics (emf-metrics.ts) and Tracer
 * (sdk-tracer.ts) when given. Those two live in modules of their own so
 * that functions without them do not bundle them: the HTTP functions record
 * no metrics, keep their size budget without the X-Ray SDK, and are traced
 * per invocation by Lambda's active tracing alone.
 */
export function lambdaObservability(service: string, options: { metrics?: InvocationMetrics; tracer?: SdkClientTracer } = {}): LambdaObservability {
  const log = new PowertoolsLogger({ serviceName: service });
  const withCorrelation = (fields?: Record<string, unknown>) => {
    const correlationId = asyncCorrelation.current();
    return { ...(correlationId ? { correlationId } : {}), ...fields };
  };
  const logger: Logger = {
    info: (message, fields) => log.info(message, withCorrelation(fields)),
    warn: (message, fields) => log.warn(message, withCorrelation(fields)),
    error: (message, fields) => log.error(message, withCorrelation(fields)),
  };
  return {
    logger,
    metrics: options.metrics?.metrics ?? logMetrics(logger),
    traced: (client) => (options.tracer ? options.tracer(client) : client),
    async invocation(context, work) {
      log.addContext(context);
      try {
        return await work();
      } finally {
        options.metrics?.publish();
      }
    },
  };
}
