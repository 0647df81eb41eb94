import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { SearchDocument } from '../../domain/search-document';
import { SnapshotGoneError } from '../../errors';
import type { NewSnapshot, SearchIndexHead, SearchIndexStore, SearchLogEntry, SnapshotRef } from '../../ports/search-index-store';
import { itemOf, keyOf, partitionOf } from './entities';
import { queryAll } from './query-pages';

/** Bytes of gzip per chunk item, well inside DynamoDB's 400 KB item limit. */
const CHUNK_BYTES = 350_000;
/** BatchWriteItem takes at most 25 requests; BatchGetItem at most 100 keys (16 MB: ≤ 45 chunks). */
const WRITE_BATCH = 25;
const READ_BATCH = 40;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const HeadItemSchema = z.object({
  appends: z.number().int().nonnegative().default(0),
  logFloor: z.string().default(''),
  snapshot: z
    .object({
      id: z.string(),
      chunks: z.number().int().positive(),
      watermark: z.string(),
      lineage: z.string(),
      builtAt: z.string(),
      appendsIncluded: z.number().int().nonnegative(),
      documents: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
    })
    .optional(),
});

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * The search index in the single table: the head item, the snapshot as
 * gzipped chunks (a DynamoDB item holds 400 KB at most, and a snapshot of
 * thousands of publications is megabytes), and the change log. The same
 * code runs on DynamoDB Local and in AWS.
 */
export class DynamoSearchIndexStore implements SearchIndexStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async readHead(): Promise<SearchIndexHead | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('searchHead', {}), ConsistentRead: true }));
    if (!res.Item) return undefined;
    const head = HeadItemSchema.parse(res.Item);
    return { appends: head.appends, logFloor: head.logFloor, ...(head.snapshot ? { snapshot: head.snapshot } : {}) };
  }

  async readSnapshot(snapshot: SnapshotRef): Promise<string> {
    const keys = Array.from({ length: snapshot.chunks }, (_, chunk) => keyOf('searchSnapshotChunk', { snapshotId: snapshot.id, chunk }));
    const parts = new Map<string, Uint8Array>();
    for (let i = 0; i < keys.length; i += READ_BATCH) {
      let pending: Record<string, unknown>[] = keys.slice(i, i + READ_BATCH);
      while (pending.length > 0) {
        const res = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
        for (const item of res.Responses?.[this.tableName] ?? []) parts.set(item.sk as string, item.bytes as Uint8Array);
        pending = (res.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
    }
    const ordered = keys.map((key) => parts.get(key.sk));
    // The next snapshot replaced this one and its chunks were deleted while we read.
    if (ordered.some((part) => part === undefined)) throw new SnapshotGoneError();
    const json = await gunzipAsync(Buffer.concat(ordered as Uint8Array[]));
    return json.toString('utf8');
  }

  async appendLog(entries: readonly SearchLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.batchWrite(
      entries.map((entry) => ({ PutRequest: { Item: { ...itemOf('searchLog', { position: entry.position }), data: entry.document } } })),
    );
    // Counted only once the entries are in: a reader that sees the count finds them.
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf('searchHead', {}),
        UpdateExpression: 'ADD #appends :n SET #type = :type',
        ExpressionAttributeNames: { '#appends': 'appends', '#type': 'type' },
        ExpressionAttributeValues: { ':n': entries.length, ':type': itemOf('searchHead', {}).type },
      }),
    );
  }

  async readLog(after: string): Promise<SearchLogEntry[]> {
    // A key condition cannot compare with the empty string: from the start, the whole partition.
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: after === '' ? 'pk = :pk' : 'pk = :pk AND sk > :after',
      ExpressionAttributeValues: { ':pk': partitionOf('searchLog', {}), ...(after === '' ? {} : { ':after': after }) },
      ConsistentRead: true,
    });
    return items.map((item) => ({ position: item.sk as string, document: item.data as SearchDocument }));
  }

  async writeSnapshot(snapshot: NewSnapshot, replaces: string | undefined): Promise<boolean> {
    const id = randomUUID();
    const bytes = await gzipAsync(Buffer.from(snapshot.json, 'utf8'));
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length || chunks.length === 0; at += CHUNK_BYTES) chunks.push(bytes.subarray(at, at + CHUNK_BYTES));
    await this.batchWrite(chunks.map((part, chunk) => ({ PutRequest: { Item: { ...itemOf('searchSnapshotChunk', { snapshotId: id, chunk }), bytes: part } } })));
    const { json: _json, ...described } = snapshot;
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf('searchHead', {}),
          UpdateExpression: 'SET #snapshot = :snapshot, #type = :type',
          ConditionExpression: replaces ? '#snapshot.#id = :replaces' : 'attribute_not_exists(#snapshot)',
          ExpressionAttributeNames: { '#snapshot': 'snapshot', '#type': 'type', ...(replaces ? { '#id': 'id' } : {}) },
          ExpressionAttributeValues: {
            ':snapshot': { ...described, id, chunks: chunks.length, bytes: bytes.length },
            ':type': itemOf('searchHead', {}).type,
            ...(replaces ? { ':replaces': replaces } : {}),
          },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const old = res.Attributes?.snapshot as SnapshotRef | undefined;
      if (old) await this.deleteChunks(old);
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      await this.deleteChunks({ id, chunks: chunks.length });
      return false;
    }
  }

  async pruneLog(before: string): Promise<void> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk < :before',
      ExpressionAttributeValues: { ':pk': partitionOf('searchLog', {}), ':before': before },
      ProjectionExpression: 'pk, sk',
    });
    await this.batchWrite(items.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })));
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf('searchHead', {}),
        UpdateExpression: 'SET #floor = :before',
        ConditionExpression: 'attribute_not_exists(#floor) OR #floor < :before',
        ExpressionAttributeNames: { '#floor': 'logFloor' },
        ExpressionAttributeValues: { ':before': before },
      }),
    ).catch((error: unknown) => {
      // Another writer pruned further already.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }

  private async deleteChunks(snapshot: SnapshotRef): Promise<void> {
    await this.batchWrite(
      Array.from({ length: snapshot.chunks }, (_, chunk) => ({ DeleteRequest: { Key: keyOf('searchSnapshotChunk', { snapshotId: snapshot.id, chunk }) } })),
    );
  }

  /** BatchWriteItem in groups of 25, sending unprocessed requests again. */
  private async batchWrite(requests: WriteRequest[]): Promise<void> {
    for (let i = 0; i < requests.length; i += WRITE_BATCH) {
      let pending: WriteRequest[] = requests.slice(i, i + WRITE_BATCH);
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2_000)));
        const res = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (res.UnprocessedItems?.[this.tableName] as WriteRequest[] | undefined) ?? [];
      }
    }
  }
}
