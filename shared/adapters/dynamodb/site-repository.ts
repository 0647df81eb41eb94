import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import type { Site } from '../../domain/site';
import { StoreConflictError } from '../../errors';
import type { SiteStore } from '../../ports/site-store';
import { auditItem } from './audit-log';
import { itemOf, keyOf, partitionOf, sortPrefixOf } from './entities';
import { queryAll } from './query-pages';

/** Sites in the single table, in their organization's partition (`ORG#<orgId>`, `SITE#<id>`). */
export class DynamoSiteStore implements SiteStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(site: Site, audit: AuditEntry[]): Promise<void> {
    await this.transact([
      { Put: { TableName: this.tableName, Item: { ...itemOf('site', site), data: site }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...audit.map((entry) => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } })),
    ]);
  }

  async list(orgId: string): Promise<Site[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partitionOf('site', { orgId }), ':prefix': sortPrefixOf('site') },
    });
    return items.map((item) => item.data as Site);
  }

  async get(orgId: string, id: string): Promise<Site | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('site', { orgId, id }), ConsistentRead: true }));
    return res.Item?.data as Site | undefined;
  }

  async delete(orgId: string, id: string, audit: AuditEntry[]): Promise<boolean> {
    try {
      await this.transact([
        { Delete: { TableName: this.tableName, Key: keyOf('site', { orgId, id }), ConditionExpression: 'attribute_exists(pk)' } },
        ...audit.map((entry) => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } })),
      ]);
      return true;
    } catch (error) {
      if (error instanceof StoreConflictError) return false;
      throw error;
    }
  }

  private async transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new StoreConflictError('The site changed at the same time, or does not exist.');
      throw error;
    }
  }
}
