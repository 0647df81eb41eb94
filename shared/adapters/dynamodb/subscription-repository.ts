import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import type { Channel } from '../../domain/channel';
import { shardOf, type FanOutPart } from '../../domain/fan-out';
import { retainUntil, subscriptionScopes, type Subscription, type SubscriptionFilters, type SubscriptionStatus } from '../../domain/subscription';
import { StoreConflictError } from '../../errors';
import type { Page } from '../../ports/page';
import type { MatchPage, SubscriptionStore } from '../../ports/subscription-store';
import { auditItem } from './audit-log';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { markShards, readOccupiedParts } from './match-index-shards';
import { queryAll } from './query-pages';
import { ENTITIES, indexKeyOf, indexPartitionOf, itemOf, keyOf, partitionOf } from './entities';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** Address items are keyed by this, so no key holds an email address or phone number. */
function addressHash(address: string): string {
  return createHash('sha256').update(address).digest('hex');
}

function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** TTL attribute for a subscription's items while it is pending or unsubscribed. */
function ttlOf(subscription: Subscription): Record<string, number> {
  const until = retainUntil(subscription);
  return until ? { ttl: epochSeconds(until) } : {};
}

/**
 * `revision` counts writes to the subscription item, so a write computed from
 * a stale read (which index items to delete) fails instead of leaving index
 * items behind. Items written before it existed have none (revision 0).
 */
function mainItem(subscription: Subscription, revision: number): Record<string, unknown> {
  return {
    ...itemOf('subscription', subscription),
    data: subscription,
    status: subscription.status,
    revision,
    ...(subscription.orgId ? indexKeyOf('subscription', 'gsi1', { orgId: subscription.orgId, createdAt: subscription.createdAt, id: subscription.id }) : {}),
    ...ttlOf(subscription),
  };
}

function addressItem(subscription: Subscription & { address: string }): Record<string, unknown> {
  return { ...itemOf('subscriptionAddress', { addressHash: addressHash(subscription.address), id: subscription.id }), subscriptionId: subscription.id, ...ttlOf(subscription) };
}

/** The `/u/<code>` lookup of an SMS subscription; kept as long as the subscription. */
function codeItem(subscription: Subscription & { unsubscribeCode: string }): Record<string, unknown> {
  return { ...itemOf('subscriptionCode', { code: subscription.unsubscribeCode }), subscriptionId: subscription.id, ...ttlOf(subscription) };
}

function indexKeys(subscription: Subscription, scopes = subscriptionScopes(subscription.filters)): { pk: string; sk: string }[] {
  const shard = shardOf(subscription.id);
  return scopes.map((scope) => keyOf('subscriptionIndex', { channel: subscription.channel, scope, shard, id: subscription.id }));
}

/** The condition that the subscription item is still the one read: same status and revision. */
function unchanged(status: SubscriptionStatus, revision: number) {
  return {
    ConditionExpression: revision === 0 ? '#status = :from AND (attribute_not_exists(#revision) OR #revision = :revision)' : '#status = :from AND #revision = :revision',
    ExpressionAttributeNames: { '#status': 'status', '#revision': 'revision' },
    ExpressionAttributeValues: { ':from': status, ':revision': revision },
  };
}

/**
 * Subscriptions in the single table: the subscription item, an address item
 * (for export and erasure) and, while active, one index item per scope with
 * a copy of the subscription, so that matching is one Query per scope.
 */
export class DynamoSubscriptionStore implements SubscriptionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(subscription: Subscription, audit: AuditEntry[]): Promise<void> {
    const items: TransactItem[] = [{ Put: { TableName: this.tableName, Item: mainItem(subscription, 0), ConditionExpression: 'attribute_not_exists(pk)' } }];
    if (subscription.address) {
      items.push({ Put: { TableName: this.tableName, Item: addressItem({ ...subscription, address: subscription.address }), ConditionExpression: 'attribute_not_exists(pk)' } });
    }
    if (subscription.unsubscribeCode) {
      items.push({ Put: { TableName: this.tableName, Item: codeItem({ ...subscription, unsubscribeCode: subscription.unsubscribeCode }), ConditionExpression: 'attribute_not_exists(pk)' } });
    }
    if (subscription.status === 'active') {
      items.push(...this.indexPuts(subscription));
      await this.markIndexShards(subscription);
    }
    items.push(...audit.map((entry) => this.auditPut(entry)));
    await this.transact(items, () => new StoreConflictError(`A subscription with id ${subscription.id} already exists.`));
  }

  async get(id: string): Promise<Subscription | undefined> {
    return (await this.read(id))?.subscription;
  }

  async setStatus(id: string, status: SubscriptionStatus, at: string, audit: AuditEntry[], reason?: string): Promise<Subscription | undefined> {
    const read = await this.read(id);
    if (!read) return undefined;
    const { subscription: current, revision } = read;
    const next: Subscription = { ...current, status, updatedAt: at };
    if (status === 'active' && !next.confirmedAt) next.confirmedAt = at;
    if (status === 'suspended' && reason) next.suspendedReason = reason;
    if (status === 'active') delete next.suspendedReason;

    const items: TransactItem[] = [
      {
        // Lost races (a concurrent confirm and unsubscribe, or a filter change) fail here rather than leave the index inconsistent.
        Put: { TableName: this.tableName, Item: mainItem(next, revision + 1), ...unchanged(current.status, revision) },
      },
    ];
    // The address item carries the same retention as the subscription.
    if (next.address) items.push({ Put: { TableName: this.tableName, Item: addressItem({ ...next, address: next.address }) } });
    if (next.unsubscribeCode) items.push({ Put: { TableName: this.tableName, Item: codeItem({ ...next, unsubscribeCode: next.unsubscribeCode }) } });
    const wasActive = current.status === 'active';
    const isActive = status === 'active';
    if (!wasActive && isActive) {
      items.push(...this.indexPuts(next));
      await this.markIndexShards(next);
    }
    if (wasActive && !isActive) items.push(...this.indexDeletes(current));
    items.push(...audit.map((entry) => this.auditPut(entry)));
    await this.transact(items, () => new StoreConflictError('The subscription changed at the same time; try again.'));
    return next;
  }

  async updateFilters(expected: Subscription, filters: SubscriptionFilters, at: string, audit: AuditEntry[]): Promise<Subscription | undefined> {
    const read = await this.read(expected.id);
    if (!read) return undefined;
    const { subscription: current, revision } = read;
    // The caller judged the change (and its size) on `expected`; anything written since makes that judgement stale.
    if (current.status !== expected.status || JSON.stringify(current.filters) !== JSON.stringify(expected.filters)) {
      throw new StoreConflictError('The subscription changed at the same time; try again.');
    }
    const next: Subscription = { ...current, filters, updatedAt: at };
    const items: TransactItem[] = [{ Put: { TableName: this.tableName, Item: mainItem(next, revision + 1), ...unchanged(current.status, revision) } }];
    if (current.status === 'active') {
      const wanted = new Set(subscriptionScopes(filters));
      const left = subscriptionScopes(current.filters).filter((scope) => !wanted.has(scope));
      items.push(...indexKeys(current, left).map((Key) => ({ Delete: { TableName: this.tableName, Key } })));
      // Every kept scope is put again too: index items carry a copy of the filters.
      items.push(...this.indexPuts(next));
      await this.markIndexShards(next);
    }
    items.push(...audit.map((entry) => this.auditPut(entry)));
    await this.transact(items, () => new StoreConflictError('The subscription changed at the same time; try again.'));
    return next;
  }

  async delete(id: string, audit: AuditEntry[]): Promise<void> {
    const read = await this.read(id);
    if (!read) return;
    const { subscription: current, revision } = read;
    const items: TransactItem[] = [{ Delete: { TableName: this.tableName, Key: keyOf('subscription', { id }), ...unchanged(current.status, revision) } }];
    if (current.address) items.push({ Delete: { TableName: this.tableName, Key: keyOf('subscriptionAddress', { addressHash: addressHash(current.address), id }) } });
    if (current.unsubscribeCode) items.push({ Delete: { TableName: this.tableName, Key: keyOf('subscriptionCode', { code: current.unsubscribeCode }) } });
    if (current.status === 'active') items.push(...this.indexDeletes(current));
    items.push(...audit.map((entry) => this.auditPut(entry)));
    await this.transact(items, () => new StoreConflictError('The subscription changed at the same time; try again.'));
  }

  async getByUnsubscribeCode(code: string): Promise<Subscription | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('subscriptionCode', { code }), ConsistentRead: true }));
    const id = res.Item?.subscriptionId as string | undefined;
    if (!id) return undefined;
    const subscription = await this.get(id);
    // Only the subscription the code was issued to, should an id ever be reused.
    return subscription?.unsubscribeCode === code ? subscription : undefined;
  }

  async listByOrganization(orgId: string, limit: number, cursor?: string): Promise<Page<Subscription>> {
    const fingerprint = queryFingerprint(['org-subscriptions', orgId]);
    const before = cursor ? decodeCursor(cursor, fingerprint) : undefined;
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: before ? 'gsi1pk = :pk AND gsi1sk < :before' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': indexPartitionOf('subscription', 'gsi1', { orgId }), ...(before ? { ':before': before } : {}) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const items = (res.Items ?? []).map((i) => i.data as Subscription);
    const last = res.Items?.at(-1);
    return { items, cursor: res.LastEvaluatedKey && last ? encodeCursor(last.gsi1sk as string, fingerprint) : null };
  }

  async listByAddress(address: string): Promise<Subscription[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partitionOf('subscriptionAddress', { addressHash: addressHash(address) }) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      ids.push(...(res.Items ?? []).map((i) => i.subscriptionId as string));
      start = res.LastEvaluatedKey;
    } while (start);
    const found = await Promise.all(ids.map((id) => this.get(id)));
    // A hash collision is practically impossible; comparing the address costs nothing.
    return found.filter((s): s is Subscription => s !== undefined && s.address === address);
  }

  async matchPage(channel: Channel, part: FanOutPart, limit: number, after?: string): Promise<MatchPage> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: after ? 'pk = :pk AND sk > :after' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partitionOf('subscriptionIndex', { channel, ...part }), ...(after ? { ':after': after } : {}) },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    const items = (res.Items ?? []).map((i) => i.data as Subscription);
    const last = res.Items?.at(-1);
    return { items, last: res.LastEvaluatedKey && last ? (last.sk as string) : null };
  }

  occupiedParts(channel: Channel, scopes: readonly string[]): Promise<FanOutPart[]> {
    return readOccupiedParts(this.db, this.tableName, channel, scopes);
  }

  async matchRange(channel: Channel, part: FanOutPart, after: string | undefined, through: string | null): Promise<Subscription[]> {
    const values: Record<string, unknown> = { ':pk': partitionOf('subscriptionIndex', { channel, ...part }) };
    let range = '';
    if (after !== undefined) values[':after'] = after;
    if (through !== null) values[':through'] = through;
    // BETWEEN includes its lower bound: the key `after` itself is dropped below.
    if (after !== undefined && through !== null) range = ' AND sk BETWEEN :after AND :through';
    else if (after !== undefined) range = ' AND sk > :after';
    else if (through !== null) range = ' AND sk <= :through';
    const items = await queryAll(this.db, { TableName: this.tableName, KeyConditionExpression: `pk = :pk${range}`, ExpressionAttributeValues: values, ConsistentRead: true });
    return items.filter((i) => i.sk !== after).map((i) => i.data as Subscription);
  }

  /** The subscription with the revision its item was read at (strongly consistent). */
  private async read(id: string): Promise<{ subscription: Subscription; revision: number } | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('subscription', { id }), ConsistentRead: true }));
    if (!res.Item) return undefined;
    return { subscription: res.Item.data as Subscription, revision: typeof res.Item.revision === 'number' ? res.Item.revision : 0 };
  }

  /** Before its index items: a planner that finds an index item always finds its shard marked. */
  private markIndexShards(subscription: Subscription): Promise<void> {
    return markShards(this.db, this.tableName, subscription.channel, subscriptionScopes(subscription.filters), shardOf(subscription.id));
  }

  private indexPuts(subscription: Subscription): TransactItem[] {
    return indexKeys(subscription).map((key) => ({
      Put: { TableName: this.tableName, Item: { ...key, type: ENTITIES.subscriptionIndex.type, data: subscription, orgId: subscription.orgId ?? null } },
    }));
  }

  private indexDeletes(subscription: Subscription): TransactItem[] {
    return indexKeys(subscription).map((Key) => ({ Delete: { TableName: this.tableName, Key } }));
  }

  private auditPut(entry: AuditEntry): TransactItem {
    return { Put: { TableName: this.tableName, Item: auditItem(entry) } };
  }

  private async transact(items: TransactItem[], onConditionFailed: () => Error): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) throw onConditionFailed();
      }
      throw error;
    }
  }
}
