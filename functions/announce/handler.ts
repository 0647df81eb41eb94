import { StoredVersionSchema, announceVersion, type AnnounceDeps } from '../../shared/services/announce-version';
import { CorrelationIdSchema } from '../../shared/domain/announcement';
import type { CorrelationScope } from '../../shared/ports/correlation';
import {
  StreamEventSchema,
  StreamRecordSchema,
  type StreamBatchResponse,
  type StreamImageDecoder,
  type StreamRecord,
} from '../../shared/ports/stream-event';

/** The announce function's ports: the service's, plus the image decoder and the correlation scope each record runs in. */
export interface AnnounceHandlerDeps extends AnnounceDeps {
  decodeImage: StreamImageDecoder;
  correlation?: CorrelationScope;
}

/** What one record came to: announced, already announced, or not a published version at all. */
type RecordOutcome = 'published' | 'already-announced' | 'ignored';

/**
 * The DynamoDB stream handler: announces each newly inserted `version` item
 * once on the `publications` topic and ignores every other change (heads,
 * listings, audit, its own announcement records). Each record is handled on
 * its own; a record that fails is reported in `batchItemFailures` by its
 * sequence number, so the event source mapping retries from it (records
 * after it come back too, and are recognised as already announced).
 *
 * Only ids are logged; the versions' content never is.
 */
export function announceHandler(deps: AnnounceHandlerDeps): (event: unknown) => Promise<StreamBatchResponse> {
  return async (event) => {
    const { Records } = StreamEventSchema.parse(event);
    const batchItemFailures: StreamBatchResponse['batchItemFailures'] = [];
    for (const raw of Records) {
      const parsed = StreamRecordSchema.safeParse(raw);
      if (!parsed.success) {
        const sequenceNumber = sequenceNumberOf(raw);
        deps.logger.error('malformed stream record', { sequenceNumber, issues: parsed.error.issues.map((i) => i.path.join('.')) });
        // Without a sequence number Lambda cannot retry one record: fail the batch.
        if (sequenceNumber === undefined) throw new Error('A stream record without a sequence number cannot be reported as a batch item failure');
        batchItemFailures.push({ itemIdentifier: sequenceNumber });
        continue;
      }
      const record = parsed.data;
      try {
        await handleRecord(deps, record);
      } catch (error) {
        deps.logger.error('announce failed', { sequenceNumber: record.dynamodb.SequenceNumber, ...keysOf(record), error: errorName(error) });
        batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
      }
    }
    return { batchItemFailures };
  };
}

async function handleRecord(deps: AnnounceHandlerDeps, record: StreamRecord): Promise<RecordOutcome> {
  if (record.eventName !== 'INSERT' || !record.dynamodb.NewImage) return 'ignored';
  // Versions are never modified (written with attribute_not_exists), so INSERT is each version's one announcement point.
  const item = deps.decodeImage(record.dynamodb.NewImage);
  if (item.type !== 'version') return 'ignored';
  const version = StoredVersionSchema.parse(item.data);
  // The request that published the version left its correlation id on the item; the announcement carries it on.
  const parsedId = CorrelationIdSchema.safeParse(item.correlationId);
  const correlationId = parsedId.success ? parsedId.data : undefined;
  const announce = () => announceVersion(deps, version, correlationId);
  const outcome = await (deps.correlation ? deps.correlation.run(correlationId, announce) : announce());
  return outcome.status;
}

/** The item's key, which holds ids only (`PUB#<id>`, `V#000001`). */
function keysOf(record: StreamRecord): { pk?: string; sk?: string } {
  const pk = record.dynamodb.Keys.pk;
  const sk = record.dynamodb.Keys.sk;
  return { ...(pk && 'S' in pk ? { pk: pk.S } : {}), ...(sk && 'S' in sk ? { sk: sk.S } : {}) };
}

function sequenceNumberOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const data = (raw as { dynamodb?: unknown }).dynamodb;
  if (typeof data !== 'object' || data === null) return undefined;
  const sequenceNumber = (data as { SequenceNumber?: unknown }).SequenceNumber;
  return typeof sequenceNumber === 'string' ? sequenceNumber : undefined;
}

/** Error names and messages from SNS/DynamoDB/zod; never an image. */
function errorName(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 300)}`;
  return 'non-error thrown';
}
