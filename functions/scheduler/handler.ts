import * as z from 'zod';
import type { Logger } from '../../shared/ports/logger';
import { reconcileSmsOptOuts, type ReconcileSmsOptOutsDeps, type SmsOptOutReconciliation } from '../../shared/services/reconcile-sms-opt-outs';
import { runScheduler, type SchedulerResult, type SchedulerServiceDeps } from '../../shared/services/run-scheduler';
import { runDigestSchedule, runReleaseSchedule, type DigestRunResult, type TimedDeliveryDeps } from '../../shared/services/run-timed-delivery';
import type { SchedulerTask } from '../../shared/topology';

/**
 * The input every schedule of the topology sends: `{task}`; local mode's
 * dev route may add `at`, the instant the digest and release runs take
 * for now (EventBridge never does).
 */
const SchedulerEventSchema = z.object({
  task: z.enum(['publish-scheduled', 'expire-publications', 'reconcile-sms-opt-outs', 'send-digests', 'release-held'] satisfies [SchedulerTask, ...SchedulerTask[]]),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type SchedulerEvent = z.infer<typeof SchedulerEventSchema>;

/** What a run did: the task, what it published or expired, for the opt-out task what it reconciled, for digests the zones it queued, for releases the shards. */
export type SchedulerTaskResult = { task: SchedulerTask } & SchedulerResult & { smsOptOuts?: SmsOptOutReconciliation; digests?: DigestRunResult; releasedShards?: number };

/** The scheduler's ports: the publications for publishing and expiry, the opt-out list and subscriptions for reconciliation, the digest index, held messages and channel queues for timed delivery, a log. */
export type SchedulerDeps = SchedulerServiceDeps & ReconcileSmsOptOutsDeps & TimedDeliveryDeps & { logger: Logger };

/**
 * EventBridge (or the local timers) calls this with a schedule's input,
 * `{task}`; each task runs its own job. An event without a known task is
 * refused loudly rather than guessed at.
 */
export function schedulerHandler(deps: SchedulerDeps): (event: unknown) => Promise<SchedulerTaskResult> {
  return async (event) => {
    const { task, at } = SchedulerEventSchema.parse(event);
    if (task === 'send-digests') {
      const digests = await runDigestSchedule(deps, at);
      if (digests.zones.length) deps.logger.info('digests queued', { task, slot: digests.slot, zones: digests.zones.length });
      return { task, published: [], expired: [], digests };
    }
    if (task === 'release-held') {
      const { shards } = await runReleaseSchedule(deps, at);
      if (shards) deps.logger.info('held messages queued for release', { task, shards });
      return { task, published: [], expired: [], releasedShards: shards };
    }
    if (task === 'reconcile-sms-opt-outs') {
      const smsOptOuts = await reconcileSmsOptOuts(deps);
      deps.logger.info('sms opt-outs reconciled', { task, ...smsOptOuts });
      return { task, published: [], expired: [], smsOptOuts };
    }
    const result = await runScheduler(deps, task);
    if (result.published.length || result.expired.length) {
      deps.logger.info('scheduler ran', { task, published: result.published, expired: result.expired });
    }
    return { task, ...result };
  };
}
