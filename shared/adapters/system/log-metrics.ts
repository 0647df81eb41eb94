import type { Logger } from '../../ports/logger';
import type { Metrics } from '../../ports/metrics';

/** Metrics as log lines (`metric`, at info), for the local runtime, which has no CloudWatch. */
export function logMetrics(logger: Logger): Metrics {
  return {
    count: (name, value, dimensions) => logger.info('metric', { metric: name, unit: 'Count', value, ...dimensions }),
    timing: (name, milliseconds, dimensions) => logger.info('metric', { metric: name, unit: 'Milliseconds', value: milliseconds, ...dimensions }),
  };
}
