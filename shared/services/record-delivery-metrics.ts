import type { Channel } from '../domain/channel-name';
import type { Metrics } from '../ports/metrics';
import type { WorkReport } from './delivery-work';

/** What a chunk's report counts, as the `outcome` dimension of the `Deliveries` metric. */
const OUTCOMES = ['sent', 'failed', 'retrying', 'deadLettered'] as const satisfies readonly (keyof WorkReport)[];

/**
 * The metrics of one receive of delivery work (a plan, or a part's
 * chunks): deliveries by channel and outcome, how long the work took, and,
 * when it sent anything, the time from publishing the version to its sends.
 */
export function recordDeliveryWork(metrics: Metrics, channel: Channel, report: WorkReport, timing: { publishedAt: string | undefined; startedAt: number; finishedAt: number }): void {
  for (const outcome of OUTCOMES) if (report[outcome] > 0) metrics.count('Deliveries', report[outcome], { channel, outcome });
  metrics.timing('FanOutWorkDuration', timing.finishedAt - timing.startedAt, { channel });
  const published = timing.publishedAt ? Date.parse(timing.publishedAt) : Number.NaN;
  if (report.sent > 0 && Number.isFinite(published)) metrics.timing('PublishToDeliveryLatency', Math.max(0, timing.finishedAt - published), { channel });
}
