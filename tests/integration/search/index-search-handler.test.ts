import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, inject } from 'vitest';
import { indexSearchHandler } from '../../../functions/index-search/handler';
import { passesFilters } from '../../../infra/local/stream/filter';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import { createTable } from '../../../shared/adapters/dynamodb/create-table';
import { DynamoDirectory } from '../../../shared/adapters/dynamodb/directory-repository';
import { DynamoPublicationStore } from '../../../shared/adapters/dynamodb/publication-repository';
import { DynamoSearchIndexStore } from '../../../shared/adapters/dynamodb/search-index-repository';
import { unmarshallStreamImage } from '../../../shared/adapters/dynamodb/stream-image';
import { silentLogger } from '../../../shared/adapters/system/json-logger';
import { topology } from '../../../shared/topology';
import { ORG_ID, PUBLICATION_ID, storedVersion, streamRecord, versionItem } from '../../unit/announce/fakes';

/**
 * The search indexer's handler on Lambda-shaped stream records, writing to
 * DynamoDB Local: which records its event filter lets through (the same
 * pattern the stack deploys), which head changes become search documents,
 * and how a record it cannot read is reported.
 */
let store: DynamoSearchIndexStore;
let handler: ReturnType<typeof indexSearchHandler>;

beforeEach(async () => {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `t-${randomUUID()}`;
  await createTable(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName);
  const db = createDocumentClient({ tableName, endpoint });
  store = new DynamoSearchIndexStore(db, tableName);
  handler = indexSearchHandler({
    searchIndex: store,
    publications: new DynamoPublicationStore(db, tableName),
    directory: new DynamoDirectory(db, tableName),
    clock: { now: () => new Date().toISOString() },
    logger: silentLogger,
    decodeImage: unmarshallStreamImage,
  });
});

type State = 'unpublished' | 'published' | 'archived' | 'expired';

function headItem(state: State, rev: number, version?: number) {
  const current = version ? { ...storedVersion({ version, kind: 'security-alert' }), content: { ...storedVersion({ kind: 'security-alert' }).content, title: 'Floods in Quibdó' } } : undefined;
  return {
    pk: `PUB#${PUBLICATION_ID}`,
    sk: 'HEAD',
    type: 'publication',
    rev,
    data: { id: PUBLICATION_ID, kind: 'security-alert', orgId: ORG_ID, rev, state, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'p', updatedAt: '2026-01-02T00:00:00.000Z', ...(current ? { current } : {}) },
  };
}

function change(before: ReturnType<typeof headItem>, after: ReturnType<typeof headItem>) {
  const record = streamRecord(after, 'MODIFY');
  const old = streamRecord(before, 'MODIFY');
  return { ...record, dynamodb: { ...record.dynamodb, OldImage: old.dynamodb.OldImage } };
}

const filters = topology.streamConsumers.indexSearch.filters;

describe('the search indexer', () => {
  it('is sent publication heads with a published version, and no drafts, versions or listings', () => {
    expect(passesFilters(change(headItem('unpublished', 1), headItem('published', 2, 1)), filters)).toBe(true);
    expect(passesFilters(change(headItem('published', 2, 1), headItem('archived', 3, 1)), filters)).toBe(true);
    expect(passesFilters(streamRecord(headItem('unpublished', 1)), filters)).toBe(false);
    expect(passesFilters(streamRecord(versionItem()), filters)).toBe(false);
    expect(passesFilters(streamRecord({ pk: 'L#CLEAR#all', sk: `x#${PUBLICATION_ID}`, type: 'listing', data: storedVersion() }), filters)).toBe(false);
  });

  it('logs a publish, an archive and an amendment, and builds the first snapshot from the table', async () => {
    const published = change(headItem('unpublished', 1), headItem('published', 2, 1));
    expect(await handler({ Records: [published] })).toEqual({ batchItemFailures: [] });
    const log = await store.readLog('');
    expect(log.map((e) => e.document)).toMatchObject([{ id: PUBLICATION_ID, rev: 2, version: 1, status: 'published', title: 'Floods in Quibdó' }]);
    expect((await store.readHead())?.snapshot).toMatchObject({ documents: 1 });

    await handler({ Records: [change(headItem('published', 2, 1), headItem('published', 4, 2)), change(headItem('published', 4, 2), headItem('archived', 5, 2))] });
    expect((await store.readLog('')).map((e) => [e.document.rev, e.document.status])).toEqual([
      [2, 'published'],
      [4, 'published'],
      [5, 'archived'],
    ]);
  });

  it('logs nothing for an edit of the working copy of a published item', async () => {
    await handler({ Records: [change(headItem('published', 2, 1), headItem('published', 3, 1))] });
    expect(await store.readLog('')).toEqual([]);
    expect((await store.readHead())?.appends ?? 0).toBe(0);
  });

  it('reports a record it cannot read, after logging the ones before it', async () => {
    const good = change(headItem('unpublished', 1), headItem('published', 2, 1));
    const broken = streamRecord({ pk: `PUB#${PUBLICATION_ID}`, sk: 'HEAD', type: 'publication', data: { id: PUBLICATION_ID, state: 'published' } }, 'MODIFY');
    const after = change(headItem('published', 2, 1), headItem('archived', 3, 1));
    const response = await handler({ Records: [good, broken, after] });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: broken.dynamodb.SequenceNumber }] });
    expect((await store.readLog('')).map((e) => e.document.rev)).toEqual([2]);
  });
});
