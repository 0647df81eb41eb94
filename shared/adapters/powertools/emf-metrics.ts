import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import type { MetricDimensions, Metrics } from '../../ports/metrics';

/** Metrics recorded during an invocation, published when it ends. */
export interface InvocationMetrics {
  metrics: Metrics;
  publish(): void;
}

interface Recorded {
  name: string;
  unit: (typeof MetricUnit)[keyof typeof MetricUnit];
  value: number;
  dimensions: MetricDimensions;
}

/**
 * Powertools' Metrics (embedded metric format, namespace `namespace`,
 * dimension `service`) behind the Metrics port. In a module of its own so
 * that functions that record no metrics (the HTTP functions) do not bundle it.
 */
export function powertoolsMetrics(service: string, namespace = 'Outpost'): InvocationMetrics {
  const emf = new PowertoolsMetrics({ namespace, serviceName: service });
  const recorded: Recorded[] = [];
  return {
    metrics: {
      count: (name, value, dimensions = {}) => void recorded.push({ name, unit: MetricUnit.Count, value, dimensions }),
      timing: (name, milliseconds, dimensions = {}) => void recorded.push({ name, unit: MetricUnit.Milliseconds, value: milliseconds, dimensions }),
    },
    // One EMF document per set of dimensions: Powertools keeps one set at a time.
    publish() {
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
    },
  };
}
