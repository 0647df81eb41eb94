import { runScheduler, type SchedulerResult } from '../../shared/services/run-scheduler';
import type { ServiceDeps } from '../../shared/services/deps';

/** EventBridge (or the local timer) calls this every minute. */
export function schedulerHandler(deps: ServiceDeps): () => Promise<SchedulerResult> {
  return () => runScheduler(deps);
}
