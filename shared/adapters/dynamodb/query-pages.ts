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
