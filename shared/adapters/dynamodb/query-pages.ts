import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../ports/page';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';

type Item = Record<string, unknown>;

/** Every item a Query returns, following LastEvaluatedKey; for partitions known to stay small. */
export async function queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const res = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * One page of a gsi1 partition, newest first, with an opaque cursor bound to
 * `scope` (so a cursor from one listing cannot page another).
 */
export async function gsi1Page(
  db: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  scope: unknown[],
  limit: number,
  cursor?: string,
): Promise<Page<Item>> {
  const fingerprint = queryFingerprint(scope);
  const before = cursor ? decodeCursor(cursor, fingerprint) : undefined;
  const res = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: before ? 'gsi1pk = :pk AND gsi1sk < :before' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition, ...(before ? { ':before': before } : {}) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  const items = res.Items ?? [];
  const last = items.at(-1);
  return { items, cursor: res.LastEvaluatedKey && last ? encodeCursor(last.gsi1sk as string, fingerprint) : null };
}

/**
 * Up to `limit` items of one partition with a sort key after `after`, in
 * key order, strongly consistent; `last` is the sort key to continue after
 * when there may be more. How fan-out and digest parts are read a chunk at a time.
 */
export async function partitionPage(db: DynamoDBDocumentClient, tableName: string, pk: string, limit: number, after?: string): Promise<{ items: Item[]; last: string | null }> {
  const res = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: after ? 'pk = :pk AND sk > :after' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(after ? { ':after': after } : {}) },
      ConsistentRead: true,
      Limit: limit,
    }),
  );
  const items = res.Items ?? [];
  const last = items.at(-1);
  return { items, last: res.LastEvaluatedKey && last ? (last.sk as string) : null };
}

/** Every item of one partition, strongly consistent: a lookup partition (an address's references, a traveler's trips). */
export function wholePartition(db: DynamoDBDocumentClient, tableName: string, pk: string): Promise<Item[]> {
  return partitionRange(db, tableName, pk, undefined, null);
}

/** Every item of one partition with a sort key after `after` and up to `through` (null: to the end), strongly consistent: a chunk read again. */
export async function partitionRange(db: DynamoDBDocumentClient, tableName: string, pk: string, after: string | undefined, through: string | null): Promise<Item[]> {
  const values: Record<string, unknown> = { ':pk': pk };
  let range = '';
  if (after !== undefined) values[':after'] = after;
  if (through !== null) values[':through'] = through;
  // BETWEEN includes its lower bound: the key `after` itself is dropped below.
  if (after !== undefined && through !== null) range = ' AND sk BETWEEN :after AND :through';
  else if (after !== undefined) range = ' AND sk > :after';
  else if (through !== null) range = ' AND sk <= :through';
  const items = await queryAll(db, { TableName: tableName, KeyConditionExpression: `pk = :pk${range}`, ExpressionAttributeValues: values, ConsistentRead: true });
  return items.filter((i) => i.sk !== after);
}
