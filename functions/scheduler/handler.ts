import * as z from 'zod';
import type { CorrelationScope } from '../../shared/ports/correlation';
import type { Logger } from '../../shared/ports/logger';
import { reconcileSmsOptOuts, type ReconcileSmsOptOutsDeps, type SmsOptOutReconciliation } from '../../shared/services/reconcile-sms-opt-outs';
import { remindSafetyChecks, type ReminderRun } from '../../shared/services/remind-safety-checks';
import type { SafetyMessageDeps } from '../../shared/services/safety-messages';
import { runScheduler, type SchedulerResult, type SchedulerServiceDeps } from '../../shared/services/run-scheduler';
import { runDigestSchedule, runReleaseSchedule, type DigestRunResult, type TimedDeliveryDeps } from '../../shared/services/run-timed-delivery';
import type { SchedulerTask } from '../../shared/topology';

/**
 * The input every schedule of the topology sends: `{task}`; local mode's
 * dev route may add `at`, the instant the digest and release runs take
 * for now (EventBridge never does).
 */
const SchedulerEventSchema = z.object({
  task: z.enum(['publish-scheduled', 'expire-publications', 'reconcile-sms-opt-outs', 'remind-safety-checks', 'send-digests', 'release-held'] satisfies [SchedulerTask, ...SchedulerTask[]]),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type SchedulerEvent = z.infer<typeof SchedulerEventSchema>;

/** What a run did: the task, what it published or expired, for the opt-out task what it reconciled, for reminders the checks, for digests the zones it queued, for releases the shards. */
export type SchedulerTaskResult = { task: SchedulerTask } & SchedulerResult & { smsOptOuts?: SmsOptOutReconciliation; safetyChecks?: ReminderRun; digests?: DigestRunResult; releasedShards?: number };

/** The scheduler's ports: the publications for publishing and expiry, the opt-out list and subscriptions for reconciliation, safety-check messages, the digest index, held messages and channel queues for timed delivery, a log, and the correlation scope each run works in. */
export type SchedulerDeps = SchedulerServiceDeps & ReconcileSmsOptOutsDeps & TimedDeliveryDeps & { logger: Logger; safetyMessages: SafetyMessageDeps; correlation?: CorrelationScope };

/**
 * EventBridge (or the local timers) calls this with a schedule's input,
 * `{task}`; each task runs its own job. An event without a known task is
 * refused loudly rather than guessed at.
 */
export function schedulerHandler(deps: SchedulerDeps): (event: unknown, context?: { awsRequestId?: string }) => Promise<SchedulerTaskResult> {
  return async (event, context) => {
    const { task, at } = SchedulerEventSchema.parse(event);
    if (!deps.correlation) return runTask(deps, task, at);
    // A run is the work that publishes what falls due: versions it publishes carry its id down the pipeline.
    return deps.correlation.run(context?.awsRequestId ?? deps.ids.next(), () => runTask(deps, task, at));
  };
}

async function runTask(deps: SchedulerDeps, task: SchedulerTask, at: string | undefined): Promise<SchedulerTaskResult> {
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
}
