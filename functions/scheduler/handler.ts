import * as z from 'zod';
import type { Logger } from '../../shared/ports/logger';
import { reconcileSmsOptOuts, type ReconcileSmsOptOutsDeps, type SmsOptOutReconciliation } from '../../shared/services/reconcile-sms-opt-outs';
import { remindSafetyChecks, type ReminderRun } from '../../shared/services/remind-safety-checks';
import type { SafetyMessageDeps } from '../../shared/services/safety-messages';
import { runScheduler, type SchedulerResult, type SchedulerServiceDeps } from '../../shared/services/run-scheduler';
import type { SchedulerTask } from '../../shared/topology';

/** The input every schedule of the topology sends: `{task}`. */
const SchedulerEventSchema = z.object({
  task: z.enum(['publish-scheduled', 'expire-publications', 'reconcile-sms-opt-outs', 'remind-safety-checks'] satisfies [SchedulerTask, ...SchedulerTask[]]),
});
export type SchedulerEvent = z.infer<typeof SchedulerEventSchema>;

/** What a run did: the task, what it published or expired, and for the opt-out task what it reconciled. */
export type SchedulerTaskResult = { task: SchedulerTask } & SchedulerResult & { smsOptOuts?: SmsOptOutReconciliation; safetyChecks?: ReminderRun };

/** The scheduler's ports: the publications for publishing and expiry, the opt-out list and subscriptions for reconciliation, a log. */
export type SchedulerDeps = SchedulerServiceDeps & ReconcileSmsOptOutsDeps & { logger: Logger; safetyMessages: SafetyMessageDeps };

/**
 * EventBridge (or the local timers) calls this with a schedule's input,
 * `{task}`; each task runs its own job. An event without a known task is
 * refused loudly rather than guessed at.
 */
export function schedulerHandler(deps: SchedulerDeps): (event: unknown) => Promise<SchedulerTaskResult> {
  return async (event) => {
    const { task } = SchedulerEventSchema.parse(event);
    if (task === 'reconcile-sms-opt-outs') {
      const smsOptOuts = await reconcileSmsOptOuts(deps);
      deps.logger.info('sms opt-outs reconciled', { task, ...smsOptOuts });
      return { task, published: [], expired: [], smsOptOuts };
    }
    if (task === 'remind-safety-checks') {
      const safetyChecks = await remindSafetyChecks(deps.safetyMessages);
      if (safetyChecks.checks > 0) deps.logger.info('safety checks reminded', { task, ...safetyChecks });
      return { task, published: [], expired: [], safetyChecks };
    }
    const result = await runScheduler(deps, task);
    if (result.published.length || result.expired.length) {
      deps.logger.info('scheduler ran', { task, published: result.published, expired: result.expired });
    }
    return { task, ...result };
  };
}
