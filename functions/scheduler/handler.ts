import * as z from 'zod';
import { runScheduler, type SchedulerResult } from '../../shared/services/run-scheduler';
import type { ServiceDeps } from '../../shared/services/deps';
import type { Logger } from '../../shared/ports/logger';
import type { SchedulerTask } from '../../shared/topology';

/** The input every schedule of the topology sends: `{task}`. */
export const SchedulerEventSchema = z.object({
  task: z.enum(['publish-scheduled', 'expire-publications', 'reconcile-sms-opt-outs'] satisfies [SchedulerTask, ...SchedulerTask[]]),
});
export type SchedulerEvent = z.infer<typeof SchedulerEventSchema>;

/** What a run did: the task, and what it published or expired. */
export type SchedulerTaskResult = { task: SchedulerTask } & SchedulerResult & { skipped?: string };

/** The scheduler's ports: the services', a log, and the SMS opt-out reconciliation when a channel provides one. */
export interface SchedulerDeps extends ServiceDeps {
  logger: Logger;
  /** Pauses SMS subscriptions whose numbers opted out at the carrier; absent until the SMS channel supplies it. */
  reconcileSmsOptOuts?: () => Promise<void>;
}

/**
 * EventBridge (or the local timers) calls this with a schedule's input,
 * `{task}`; each task runs its own job. An event without a known task is
 * refused loudly rather than guessed at.
 */
export function schedulerHandler(deps: SchedulerDeps): (event: unknown) => Promise<SchedulerTaskResult> {
  return async (event) => {
    const { task } = SchedulerEventSchema.parse(event);
    if (task === 'reconcile-sms-opt-outs') {
      if (!deps.reconcileSmsOptOuts) {
        // Nothing reconciles carrier opt-outs in bulk yet. Opt-outs are still honoured: the SNS SMS
        // adapter checks each number (CheckIfPhoneNumberIsOptedOut) before it sends.
        deps.logger.warn('sms opt-out reconciliation not wired; opt-outs are checked per message at send time', { task });
        return { task, published: [], expired: [], skipped: 'no reconciliation wired' };
      }
      await deps.reconcileSmsOptOuts();
      return { task, published: [], expired: [] };
    }
    const result = await runScheduler(deps, task);
    if (result.published.length || result.expired.length) {
      deps.logger.info('scheduler ran', { task, published: result.published, expired: result.expired });
    }
    return { task, ...result };
  };
}
