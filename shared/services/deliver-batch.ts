import * as z from 'zod';
import { AnnouncementSchema } from '../domain/announcement';
import type { Channel } from '../domain/channel-name';
import type { CorrelationScope } from '../ports/correlation';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';
import { SnsEnvelopeSchema, type InvocationContext, type SqsBatchResponse, type SqsEvent } from '../ports/sqs-event';
import { DigestPartMessageSchema } from './deliver-digest-part';
import { PartMessageSchema, type DeliveryTask, type DeliveryWork, type WorkReport } from './delivery-work';
import { recordDeliveryWork } from './record-delivery-metrics';
import { ReleaseMessageSchema } from './run-timed-delivery';

/** What watches a batch: the correlation scope each message runs in, and the metrics of its work. */
export interface BatchObservers {
  correlation?: CorrelationScope;
  metrics?: Metrics;
}

const json = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});

/** Parses one SQS body: an SNS envelope around an announcement (plan it), or a part, digest part or release message a worker or the scheduler queued. */
function parseDeliveryBody(body: string): DeliveryTask {
  const parsed = json.parse(body);
  if (typeof parsed === 'object' && parsed !== null && (parsed as { Type?: unknown }).Type === 'Notification') {
    const envelope = SnsEnvelopeSchema.parse(parsed);
    return { type: 'plan', announcement: AnnouncementSchema.parse(json.parse(envelope.Message)) };
  }
  const type = (parsed as { type?: unknown } | null)?.type;
  if (type === 'outpost.digest-part') {
    const digest = DigestPartMessageSchema.parse(parsed);
    return { type: 'digest-part', part: digest.part, run: digest.run, start: digest.start };
  }
  if (type === 'outpost.release-held') {
    const release = ReleaseMessageSchema.parse(parsed);
    return { type: 'release', shard: release.shard, at: release.at };
  }
  const part = PartMessageSchema.parse(parsed);
  return { type: 'part', announcement: part.announcement, part: part.part, start: part.start };
}

/** What a log line says the task was about: never a subscriber. */
function aboutTask(task: DeliveryTask): Record<string, unknown> {
  if (task.type === 'digest-part') return { digest: task.part.frequency, timeZone: task.part.timeZone, shard: task.part.shard, period: task.run.period };
  if (task.type === 'release') return { shard: task.shard, at: task.at };
  return { publicationId: task.announcement.publicationId, version: task.announcement.version, ...(task.type === 'part' ? { scope: task.part.scope, shard: task.part.shard } : {}) };
}

/** Time kept back at the end of an invocation for the last writes and the answer. */
const SAFETY_MS = 5_000;

/**
 * Runs the records of an SQS batch side by side, each on its own, and
 * reports the ones that must come back (partial batch response), so one
 * failing message never makes the others repeat. A malformed body is
 * reported too: after maxReceiveCount receives it rests in the dead-letter
 * queue for operators. No new chunk starts after the invocation's deadline
 * (its remaining time, less a margin): the rest is queued for a new one.
 */
export async function processDeliveryBatch(
  event: SqsEvent,
  logger: Logger,
  channel: Channel,
  run: (work: DeliveryWork) => Promise<WorkReport>,
  clock?: InvocationContext,
  fallbackTimeoutMs = 30_000,
  observers: BatchObservers = {},
): Promise<SqsBatchResponse> {
  const deadline = Date.now() + Math.max(0, (clock?.getRemainingTimeInMillis() ?? fallbackTimeoutMs) - SAFETY_MS);
  const failures = await Promise.all(
    event.Records.map(async (record): Promise<string | undefined> => {
      const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
      let task: DeliveryTask;
      try {
        task = parseDeliveryBody(record.body);
      } catch (error) {
        logger.error('malformed delivery message', { channel, messageId: record.messageId, error: error instanceof Error ? error.name : 'non-error' });
        return record.messageId;
      }
      const about = { channel, messageId: record.messageId, ...aboutTask(task), task: task.type, receiveCount };
      // Digests and releases answer no one request: only an announced version's work carries a correlation id.
      const announcement = task.type === 'plan' || task.type === 'part' ? task.announcement : undefined;
      const correlationId = announcement?.correlationId;
      try {
        const startedAt = Date.now();
        const work = () => run({ task, messageId: record.messageId, receiveCount, deadline });
        // Every log line of the work, the services' included, carries the id of the request that published the version.
        const report = await (observers.correlation ? observers.correlation.run(correlationId, work) : work());
        if (observers.metrics) recordDeliveryWork(observers.metrics, channel, report, { publishedAt: announcement?.publishedAt, startedAt, finishedAt: Date.now() });
        logger.info('delivery work done', { ...about, ...report });
        return report.retry ? record.messageId : undefined;
      } catch (error) {
        logger.error('delivery work failed', { ...about, ...(correlationId ? { correlationId } : {}), error: error instanceof Error ? `${error.name}: ${error.message}` : 'non-error' });
        return record.messageId;
      }
    }),
  );
  return { batchItemFailures: failures.filter((id): id is string => id !== undefined).map((itemIdentifier) => ({ itemIdentifier })) };
}
