import * as z from 'zod';
import { PublicationContentSchema } from '../../shared/domain/publication-content';
import type { PublicationHead } from '../../shared/domain/publication';
import { searchChangeOf, type SearchDocument } from '../../shared/domain/search-document';
import { StreamEventSchema, StreamRecordSchema, type StreamBatchResponse, type StreamImage, type StreamImageDecoder } from '../../shared/ports/stream-event';
import { indexPublicationChanges, type IndexPublicationDeps } from '../../shared/services/index-publication-changes';
import { SearchIndexCache } from '../../shared/services/search/search-index-cache';

/** The indexer's ports: the service's, plus the image decoder. */
export interface IndexSearchHandlerDeps extends IndexPublicationDeps {
  decodeImage: StreamImageDecoder;
}

/**
 * The fields of a stored head (`data` of a `type: 'publication'` item) that
 * search takes; the content is checked as it was when it was published.
 */
const StoredHeadSchema = z.looseObject({
  id: z.string(),
  rev: z.number().int().nonnegative(),
  state: z.enum(['unpublished', 'published', 'archived', 'expired']),
  current: z
    .looseObject({
      version: z.number().int().positive(),
      content: PublicationContentSchema,
      regions: z.array(z.string()),
      orgId: z.string(),
      publishedAt: z.string(),
    })
    .optional(),
});

/**
 * The search indexer: a DynamoDB stream consumer of its own (its event
 * source filter passes publication heads in a published, archived or
 * expired state). Each head change that touched a published version
 * becomes a search document appended to the search log; then the snapshot
 * is kept current (see indexPublicationChanges). A record that cannot be
 * read is reported as a batch item failure, so it and the records after it
 * come back; those before it are logged first. Only ids are logged.
 */
export function indexSearchHandler(deps: IndexSearchHandlerDeps): (event: unknown) => Promise<StreamBatchResponse> {
  // Kept between invocations, as the API keeps its own: a fold starts from what this container already holds.
  const cache = new SearchIndexCache(deps.searchIndex, { checkIntervalMs: 0, logger: deps.logger });
  return async (event) => {
    const { Records } = StreamEventSchema.parse(event);
    const documents: SearchDocument[] = [];
    const batchItemFailures: StreamBatchResponse['batchItemFailures'] = [];
    for (const raw of Records) {
      const parsed = StreamRecordSchema.safeParse(raw);
      const sequenceNumber = parsed.success ? parsed.data.dynamodb.SequenceNumber : undefined;
      try {
        if (!parsed.success) throw parsed.error;
        const { NewImage, OldImage } = parsed.data.dynamodb;
        const next = NewImage && headOf(deps.decodeImage, NewImage);
        if (!next) continue;
        const document = searchChangeOf(OldImage && headOf(deps.decodeImage, OldImage), next);
        if (document) documents.push(document);
      } catch (error) {
        deps.logger.error('search indexer could not read a stream record', { sequenceNumber, error: error instanceof Error ? error.name : 'unknown' });
        if (sequenceNumber === undefined) throw new Error('A stream record without a sequence number cannot be reported as a batch item failure', { cause: error });
        batchItemFailures.push({ itemIdentifier: sequenceNumber });
        break;
      }
    }
    await indexPublicationChanges(deps, cache, documents);
    return { batchItemFailures };
  };
}

/** The publication head of an image, or undefined for any other item. */
function headOf(decode: StreamImageDecoder, image: StreamImage): PublicationHead | undefined {
  const item = decode(image);
  if (item.type !== 'publication') return undefined;
  return StoredHeadSchema.parse(item.data) as unknown as PublicationHead;
}
