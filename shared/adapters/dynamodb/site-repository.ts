import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import type { Site } from '../../domain/site';
import { StoreConflictError } from '../../errors';
import type { SiteStore } from '../../ports/site-store';
import { addressHash } from './address-hash';
import { auditItem } from './audit-log';
import { batchGet, transact, type TransactItem } from './batch-items';
import { itemOf, keyOf, partitionOf, sortPrefixOf } from './entities';
import { queryAll, wholePartition } from './query-pages';

/** Each distinct email and phone among a site's contacts. */
function contactAddresses(contacts: Site['contacts']): string[] {
  return [...new Set(contacts.flatMap((c) => [c.email, c.phone]).filter((a): a is string => a !== undefined))];
}

function addressKey(site: Pick<Site, 'orgId' | 'id'>, address: string) {
  return keyOf('siteContactAddress', { addressHash: addressHash(address), orgId: site.orgId, id: site.id });
}

/**
 * Sites in the single table, in their organization's partition (`ORG#<orgId>`,
 * `SITE#<id>`), with one address item per distinct contact email and phone
 * (`SITEADDR#<sha256>`), so a personal-data request finds the sites holding
 * an address without any key holding it.
 */
export class DynamoSiteStore implements SiteStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(site: Site, audit: AuditEntry[]): Promise<void> {
    await this.transact([
      { Put: { TableName: this.tableName, Item: { ...itemOf('site', site), data: site }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...contactAddresses(site.contacts).map((a) => this.addressPut(site, a)),
      ...this.auditPuts(audit),
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
    const site = await this.get(orgId, id);
    if (!site) return false;
    try {
      await this.transact([
        { Delete: { TableName: this.tableName, Key: keyOf('site', { orgId, id }), ConditionExpression: 'attribute_exists(pk)' } },
        ...contactAddresses(site.contacts).map((a): TransactItem => ({ Delete: { TableName: this.tableName, Key: addressKey(site, a) } })),
        ...this.auditPuts(audit),
      ]);
      return true;
    } catch (error) {
      if (error instanceof StoreConflictError) return false;
      throw error;
    }
  }

  async findByAddress(address: string): Promise<Site[]> {
    const refs = await wholePartition(this.db, this.tableName, partitionOf('siteContactAddress', { addressHash: addressHash(address) }));
    const sites = await batchGet(this.db, this.tableName, refs.map((r) => keyOf('site', { orgId: r.orgId as string, id: r.siteId as string })), true);
    // A hash collision is practically impossible; comparing the address costs nothing.
    return sites.map((i) => i.data as Site).filter((s) => contactAddresses(s.contacts).includes(address));
  }

  async replaceContacts(expected: Site, contacts: Site['contacts'], audit: AuditEntry[]): Promise<void> {
    const before = new Set(contactAddresses(expected.contacts));
    const after = new Set(contactAddresses(contacts));
    const next: Site = { ...expected, contacts };
    await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: { ...itemOf('site', next), data: next },
          // Sites change only here: the contacts as read are the site as read.
          ConditionExpression: 'attribute_exists(pk) AND #data.contacts = :read',
          ExpressionAttributeNames: { '#data': 'data' },
          ExpressionAttributeValues: { ':read': expected.contacts },
        },
      },
      ...[...before].filter((a) => !after.has(a)).map((a): TransactItem => ({ Delete: { TableName: this.tableName, Key: addressKey(expected, a) } })),
      ...[...after].filter((a) => !before.has(a)).map((a) => this.addressPut(next, a)),
      ...this.auditPuts(audit),
    ]);
  }

  private addressPut(site: Site, address: string): TransactItem {
    return { Put: { TableName: this.tableName, Item: { ...itemOf('siteContactAddress', { addressHash: addressHash(address), orgId: site.orgId, id: site.id }), orgId: site.orgId, siteId: site.id } } };
  }

  private auditPuts(audit: AuditEntry[]): TransactItem[] {
    return audit.map((entry) => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } }));
  }

  private transact(items: TransactItem[]): Promise<void> {
    return transact(this.db, items, () => new StoreConflictError('The site changed at the same time, or does not exist.'));
  }
}
