import * as z from 'zod';
import { AnnouncementSchema } from '../domain/announcement';
import type { Channel } from '../domain/channel-name';
import type { CorrelationScope } from '../ports/correlation';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';
import { SnsEnvelopeSchema, type SqsBatchResponse, type SqsEvent } from '../ports/sqs-event';
import type { ChunkReport, DeliveryWork } from './deliver-announcement';
import { START } from './match-subscribers';
import { recordDeliveryChunk } from './record-delivery-metrics';

/** What watches a batch: the correlation scope each message runs in, the metrics of its chunks, the time. */
export interface BatchObservers {
  correlation?: CorrelationScope;
  metrics?: Metrics;
  /** Epoch milliseconds. */
  now: () => number;
}


const ContinuationSchema = z
  .object({
    type: z.literal('outpost.delivery-continuation'),
    announcement: AnnouncementSchema,
    position: z.object({ scope: z.number().int().min(0), cursor: z.string().max(2048).nullable() }).strict(),
  })
  .strict();

const json = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});

/** Parses one SQS body: an SNS envelope around an announcement, or a continuation this worker re-queued. */
function parseDeliveryBody(body: string): Omit<DeliveryWork, 'messageId' | 'receiveCount'> {
  const parsed = json.parse(body);
  if (typeof parsed === 'object' && parsed !== null && (parsed as { Type?: unknown }).Type === 'Notification') {
    const envelope = SnsEnvelopeSchema.parse(parsed);
    return { announcement: AnnouncementSchema.parse(json.parse(envelope.Message)), position: START };
  }
  const continuation = ContinuationSchema.parse(parsed);
  return { announcement: continuation.announcement, position: continuation.position };
}

/**
 * Runs each record of an SQS batch on its own and reports the ones that
 * must come back (partial batch response), so one failing message never
 * makes the others repeat. A malformed body is reported too: after
 * maxReceiveCount receives it rests in the dead-letter queue for operators.
 */
export async function processDeliveryBatch(
  event: SqsEvent,
  logger: Logger,
  channel: Channel,
  run: (work: DeliveryWork) => Promise<ChunkReport>,
  observers: BatchObservers = { now: Date.now },
): Promise<SqsBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
    let work: DeliveryWork;
    try {
      work = { ...parseDeliveryBody(record.body), messageId: record.messageId, receiveCount };
    } catch (error) {
      logger.error('malformed delivery message', { channel, messageId: record.messageId, error: error instanceof Error ? error.name : 'non-error' });
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const correlationId = work.announcement.correlationId;
    try {
      const startedAt = observers.now();
      // Every log line of the chunk, the services' included, carries the id of the request that published the version.
      const report = await (observers.correlation ? observers.correlation.run(correlationId, () => run(work)) : run(work));
      if (observers.metrics) recordDeliveryChunk(observers.metrics, channel, report, { publishedAt: work.announcement.publishedAt, startedAt, finishedAt: observers.now() });
      logger.info('delivery chunk done', {
        channel,
        messageId: record.messageId,
        publicationId: work.announcement.publicationId,
        version: work.announcement.version,
        receiveCount,
        ...report,
      });
      if (report.retry) batchItemFailures.push({ itemIdentifier: record.messageId });
    } catch (error) {
      logger.error('delivery chunk failed', {
        channel,
        ...(correlationId ? { correlationId } : {}),
        messageId: record.messageId,
        publicationId: work.announcement.publicationId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : 'non-error',
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
