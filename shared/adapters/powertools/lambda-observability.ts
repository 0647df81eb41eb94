import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { Logger } from '../../ports/logger';
import type { MetricDimensions, Metrics } from '../../ports/metrics';
import { asyncCorrelation } from '../system/correlation-scope';

/** Instruments an AWS SDK client so that its calls are traced (sdk-tracer.ts); returns the same client. */
export type SdkClientTracer = <C extends object>(client: C) => C;

/** A function's logs, metrics and traces, on Powertools for AWS Lambda. */
export interface LambdaObservability {
  /** Structured JSON lines with Lambda's context (request id, cold start, trace id) and the correlation id of the work under way. */
  logger: Logger;
  /** Published in the embedded metric format at the end of each invocation. */
  metrics: Metrics;
  /** Traces the calls of an AWS SDK client as X-Ray subsegments (when the function was given a tracer). */
  traced<C extends object>(client: C): C;
  /** Runs one invocation: Lambda's context in every log line, the invocation's metrics published when it ends. */
  invocation<R>(context: Context, work: () => Promise<R>): Promise<R>;
}

interface Recorded {
  name: string;
  unit: (typeof MetricUnit)[keyof typeof MetricUnit];
  value: number;
  dimensions: MetricDimensions;
}

/**
 * Powertools' Logger and Metrics (namespace `namespace`, dimension
 * `service`) behind Outpost's ports, for one function named `service`; SDK
 * clients traced by `tracer` when given. The tracer (the X-Ray SDK) lives in
 * its own module so that functions without it do not bundle it: the HTTP
 * functions keep their size budget and are traced per invocation by
 * Lambda's active tracing alone.
 */
export function lambdaObservability(service: string, options: { namespace?: string; tracer?: SdkClientTracer } = {}): LambdaObservability {
  const log = new PowertoolsLogger({ serviceName: service });
  const emf = new PowertoolsMetrics({ namespace: options.namespace ?? 'Outpost', serviceName: service });
  const recorded: Recorded[] = [];

  const withCorrelation = (fields?: Record<string, unknown>) => {
    const correlationId = asyncCorrelation.current();
    return { ...(correlationId ? { correlationId } : {}), ...fields };
  };

  // One EMF document per set of dimensions: Powertools keeps one set at a time.
  const publish = () => {
    const groups = new Map<string, Recorded[]>();
    for (const metric of recorded.splice(0)) {
      const key = JSON.stringify(Object.entries(metric.dimensions).sort());
      groups.set(key, [...(groups.get(key) ?? []), metric]);
    }
    for (const group of groups.values()) {
      emf.addDimensions({ ...group[0]!.dimensions });
      for (const metric of group) emf.addMetric(metric.name, metric.unit, metric.value);
      emf.publishStoredMetrics();
    }
  };

  return {
    logger: {
      info: (message, fields) => log.info(message, withCorrelation(fields)),
      warn: (message, fields) => log.warn(message, withCorrelation(fields)),
      error: (message, fields) => log.error(message, withCorrelation(fields)),
    },
    metrics: {
      count: (name, value, dimensions = {}) => void recorded.push({ name, unit: MetricUnit.Count, value, dimensions }),
      timing: (name, milliseconds, dimensions = {}) => void recorded.push({ name, unit: MetricUnit.Milliseconds, value: milliseconds, dimensions }),
    },
    traced: (client) => (options.tracer ? options.tracer(client) : client),
    async invocation(context, work) {
      log.addContext(context);
      try {
        return await work();
      } finally {
        publish();
      }
    },
  };
}
