import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import type { AuditLog } from '../../ports/audit-log';
import type { Page } from '../../ports/page';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { indexKeyOf, indexPartitionOf, itemOf, partitionOf } from './entities';
import { gsi1Page } from './query-pages';

/** Audit entries are partitioned by month so no partition grows without bound; an organization's are also in gsi1, for its admins. */
export function auditItem(entry: AuditEntry): Record<string, unknown> {
  return {
    ...itemOf('audit', { month: entry.at.slice(0, 7), id: entry.id }),
    ...(entry.orgId ? indexKeyOf('audit', 'gsi1', { orgId: entry.orgId, id: entry.id }) : {}),
    data: entry,
  };
}

/** How far back a listing walks through empty months before it stops. */
const MAX_MONTHS = 24;

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => string,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: auditItem(entry) }));
  }

  async listForOrganization(orgId: string, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
    const page = await gsi1Page(this.db, this.tableName, indexPartitionOf('audit', 'gsi1', { orgId }), ['audit-org', orgId], limit, cursor);
    return { items: page.items.map((i) => i.data as AuditEntry), cursor: page.cursor };
  }

  async list(limit: number, cursor?: string): Promise<Page<AuditEntry>> {
    const fingerprint = queryFingerprint(['audit']);
    // The cursor holds the last entry's "<month>|<id>"; entries are newest first.
    const position = cursor ? decodeCursor(cursor, fingerprint) : undefined;
    let [month, before] = position ? (position.split('|') as [string, string | undefined]) : [this.now().slice(0, 7), undefined];
    if (!/^\d{4}-\d{2}$/.test(month)) month = this.now().slice(0, 7);
    const items: AuditEntry[] = [];
    for (let walked = 0; walked < MAX_MONTHS && items.length < limit; walked++) {
      const res = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: before ? 'pk = :pk AND sk < :before' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partitionOf('audit', { month }), ...(before ? { ':before': before } : {}) },
          ScanIndexForward: false,
          Limit: limit - items.length,
        }),
      );
      items.push(...(res.Items ?? []).map((i) => i.data as AuditEntry));
      if (res.LastEvaluatedKey) break;
      month = previousMonth(month);
      before = undefined;
    }
    const last = items.at(-1);
    return { items, cursor: items.length === limit && last ? encodeCursor(`${last.at.slice(0, 7)}|${last.id}`, fingerprint) : null };
  }
}
