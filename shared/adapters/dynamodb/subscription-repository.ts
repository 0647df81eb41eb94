import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import type { Channel } from '../../domain/channel';
import type { DeliveryTiming } from '../../domain/delivery-timing';
import { shardOf, type FanOutPart } from '../../domain/fan-out';
import { retainUntil, type Subscription, type SubscriptionFilters, type SubscriptionStatus } from '../../domain/subscription';
import { StoreConflictError } from '../../errors';
import type { Page } from '../../ports/page';
import type { MatchPage, SubscriptionStore } from '../../ports/subscription-store';
import { auditItem } from './audit-log';
import { batchGet } from './batch-items';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { fileWrites, placementOf, refileWrites, registerDigestZone, unfileWrites } from './digest-index';
import { markShards, readOccupiedParts } from './match-index-shards';
import { partitionPage, partitionRange } from './query-pages';
import { indexKeyOf, indexPartitionOf, itemOf, keyOf, partitionOf } from './entities';

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

/**
 * The mark that an address has had an active subscription, put in the
 * transaction that makes one active: traveler alerts ask for a page of
 * addresses at once whether any is subscribed. No TTL: it must outlive
 * every active subscription of the address, so it goes with the last one.
 */
function addressMarkPut(tableName: string, address: string): TransactItem {
  return { Put: { TableName: tableName, Item: addressMarkItem(address) } };
}

/** The mark item of an address (see `addressMarkPut`); also what the marks' backfill writes. */
export function addressMarkItem(address: string): { pk: string; sk: string; type: string } {
  return itemOf('subscriptionAddressMark', { addressHash: addressHash(address) });
}

/** The `/u/<code>` lookup of an SMS subscription; kept as long as the subscription. */
function codeItem(subscription: Subscription & { unsubscribeCode: string }): Record<string, unknown> {
  return { ...itemOf('subscriptionCode', { code: subscription.unsubscribeCode }), subscriptionId: subscription.id, ...ttlOf(subscription) };
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
 * (for export and erasure) and, while active, its delivery filing (see
 * `placementOf`): one match-index item per scope with a copy of the
 * subscription, so that matching is one Query per scope, or one digest
 * index item for digest subscribers.
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
      await registerDigestZone(this.db, this.tableName, placementOf(subscription));
      await this.markIndexShards(subscription);
      items.push(...fileWrites(this.tableName, subscription, subscription.confirmedAt ?? subscription.createdAt));
      if (subscription.address) items.push(addressMarkPut(this.tableName, subscription.address));
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
      await registerDigestZone(this.db, this.tableName, placementOf(next));
      await this.markIndexShards(next);
      items.push(...fileWrites(this.tableName, next, at));
    }
    if (isActive && next.address) items.push(addressMarkPut(this.tableName, next.address));
    if (wasActive && !isActive) items.push(...unfileWrites(this.tableName, current));
    items.push(...audit.map((entry) => this.auditPut(entry)));
    await this.transact(items, () => new StoreConflictError('The subscription changed at the same time; try again.'));
    return next;
  }

  async updateFilters(expected: Subscription, filters: SubscriptionFilters, at: string, audit: AuditEntry[], timing?: DeliveryTiming): Promise<Subscription | undefined> {
    const read = await this.read(expected.id);
    if (!read) return undefined;
    const { subscription: current, revision } = read;
    // The caller judged the change (and its size) on `expected`; anything written since makes that judgement stale.
    if (current.status !== expected.status || JSON.stringify(current.filters) !== JSON.stringify(expected.filters) || JSON.stringify(current.timing) !== JSON.stringify(expected.timing)) {
      throw new StoreConflictError('The subscription changed at the same time; try again.');
    }
    const next: Subscription = { ...current, filters, ...(timing ? { timing } : {}), updatedAt: at };
    const items: TransactItem[] = [{ Put: { TableName: this.tableName, Item: mainItem(next, revision + 1), ...unchanged(current.status, revision) } }];
    if (current.status === 'active') {
      await registerDigestZone(this.db, this.tableName, placementOf(next));
      await this.markIndexShards(next);
      // Kept scopes are put again too: index items carry a copy of the subscription.
      items.push(...(await refileWrites(this.db, this.tableName, current, next, at)));
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
    if (current.address) {
      const hash = addressHash(current.address);
      items.push({ Delete: { TableName: this.tableName, Key: keyOf('subscriptionAddress', { addressHash: hash, id }) } });
      // The address's mark goes with its last subscription. Should another be made active meanwhile, its mark is lost: that address may get a traveler alert twice, never none.
      if ((await this.addressIds(current.address)).every((other) => other === id)) items.push({ Delete: { TableName: this.tableName, Key: keyOf('subscriptionAddressMark', { addressHash: hash }) } });
    }
    if (current.unsubscribeCode) items.push({ Delete: { TableName: this.tableName, Key: keyOf('subscriptionCode', { code: current.unsubscribeCode }) } });
    if (current.status === 'active') items.push(...unfileWrites(this.tableName, current));
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
    const found = await Promise.all((await this.addressIds(address)).map((id) => this.get(id)));
    // A hash collision is practically impossible; comparing the address costs nothing.
    return found.filter((s): s is Subscription => s !== undefined && s.address === address);
  }

  async subscribedAddresses(addresses: readonly string[]): Promise<Set<string>> {
    const keys = new Map([...new Set(addresses)].map((address) => [address, keyOf('subscriptionAddressMark', { addressHash: addressHash(address) })]));
    const marked = new Set((await batchGet(this.db, this.tableName, [...keys.values()], true)).map((mark) => mark.pk as string));
    return new Set([...keys].filter(([, key]) => marked.has(key.pk)).map(([address]) => address));
  }

  async matchPage(channel: Channel, part: FanOutPart, limit: number, after?: string): Promise<MatchPage> {
    const page = await partitionPage(this.db, this.tableName, partitionOf('subscriptionIndex', { channel, ...part }), limit, after);
    return { items: page.items.map((i) => i.data as Subscription), last: page.last };
  }

  occupiedParts(channel: Channel, scopes: readonly string[]): Promise<FanOutPart[]> {
    return readOccupiedParts(this.db, this.tableName, channel, scopes);
  }

  async matchRange(channel: Channel, part: FanOutPart, after: string | undefined, through: string | null): Promise<Subscription[]> {
    const items = await partitionRange(this.db, this.tableName, partitionOf('subscriptionIndex', { channel, ...part }), after, through);
    return items.map((i) => i.data as Subscription);
  }

  /** The ids of every subscription held for an address (its address items, strongly consistent). */
  private async addressIds(address: string): Promise<string[]> {
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
    return ids;
  }

  /** The subscription with the revision its item was read at (strongly consistent). */
  private async read(id: string): Promise<{ subscription: Subscription; revision: number } | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('subscription', { id }), ConsistentRead: true }));
    if (!res.Item) return undefined;
    return { subscription: res.Item.data as Subscription, revision: typeof res.Item.revision === 'number' ? res.Item.revision : 0 };
  }

  /** Before its match-index items: a planner that finds an index item always finds its shard marked (digest subscribers have none). */
  private async markIndexShards(subscription: Subscription): Promise<void> {
    const placement = placementOf(subscription);
    if (placement.kind === 'match') await markShards(this.db, this.tableName, subscription.channel, placement.scopes, shardOf(subscription.id));
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
