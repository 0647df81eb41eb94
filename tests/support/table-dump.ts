import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Harness } from './harness';

/**
 * Every item of a test's own table, sorted by key, as one comparable string.
 * Tests only: product code never scans (it queries index items).
 * `ignore` drops bookkeeping partitions by key prefix (e.g. `IDEM#`, `RATE#`),
 * which a refused request may legitimately touch.
 */
export async function dumpTable(h: Pick<Harness, 'endpoint' | 'tableName'>, ignore: string[] = []): Promise<Record<string, unknown>[]> {
  const db = documentClient(h.endpoint);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: h.tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of page.Items ?? []) if (!ignore.some((p) => String(item.pk).startsWith(p))) items.push(item);
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => `${String(a.pk)}\u0000${String(a.sk)}`.localeCompare(`${String(b.pk)}\u0000${String(b.sk)}`));
}

const clients = new Map<string, DynamoDBDocumentClient>();
function documentClient(endpoint: string): DynamoDBDocumentClient {
  let db = clients.get(endpoint);
  if (!db) {
    db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    clients.set(endpoint, db);
  }
  return db;
}
