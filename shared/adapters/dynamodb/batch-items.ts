import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, TransactWriteCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];
type Key = { pk: string; sk: string };
type Item = Record<string, unknown>;

const pause = (round: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));

/** Reads items by key, 100 a call, asking again for unprocessed keys (throttling) after a growing pause. */
export async function batchGet(db: DynamoDBDocumentClient, tableName: string, keys: readonly Key[], consistent = false): Promise<Item[]> {
  const found: Item[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let requested: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    for (let round = 0; requested?.length; round += 1) {
      if (round > 0) await pause(round);
      const res: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: requested, ConsistentRead: consistent } } }));
      found.push(...(res.Responses?.[tableName] ?? []));
      requested = res.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
}

type WriteRequest = { DeleteRequest: { Key: Record<string, unknown> } } | { PutRequest: { Item: Record<string, unknown> } };

/** Writes requests 25 a call, asking again for unprocessed ones after a growing pause. */
async function batchWrite(db: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let request: Record<string, WriteRequest[]> | undefined = { [tableName]: requests.slice(i, i + 25) };
    for (let round = 0; request && Object.keys(request).length > 0; round += 1) {
      if (round > 0) await pause(round);
      const res = await db.send(new BatchWriteCommand({ RequestItems: request }));
      request = res.UnprocessedItems as typeof request;
    }
  }
}

/** Deletes items by key, 25 a call. Not atomic: for data with nothing else pointing at it. */
export function batchDelete(db: DynamoDBDocumentClient, tableName: string, keys: readonly Key[]): Promise<void> {
  return batchWrite(db, tableName, keys.map((Key) => ({ DeleteRequest: { Key } })));
}

/** Puts items, 25 a call, unconditionally. Not atomic: for items written before anything points at them. */
export function batchPut(db: DynamoDBDocumentClient, tableName: string, items: readonly Item[]): Promise<void> {
  return batchWrite(db, tableName, items.map((Item) => ({ PutRequest: { Item } })));
}

/** One transaction; a failed condition (or a conflicting transaction) becomes `onConflict()`. */
export async function transact(db: DynamoDBDocumentClient, items: TransactItem[], onConflict: () => Error): Promise<void> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) {
      throw onConflict();
    }
    throw error;
  }
}

/** Epoch seconds of a day's end plus `days`: a TTL attribute value. */
export function ttlAfterDay(day: string, days: number): number {
  return Math.floor(Date.parse(`${day}T23:59:59Z`) / 1000) + days * 86_400;
}
