import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { timingOf, type DigestFrequency } from '../../domain/delivery-timing';
import { listedUpTo, type DigestPlacement } from '../../domain/digest';
import { shardOf } from '../../domain/fan-out';
import { subscriptionScopes, type Subscription } from '../../domain/subscription';
import { ENTITIES, keyOf } from './entities';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/**
 * Where an active subscription is filed for delivery: under its match-index
 * scopes when it receives alerts at once, or as one digest index item under
 * its frequency and time zone when it receives digests (the immediate
 * fan-out never reads it then).
 */
export type Placement = { kind: 'match'; scopes: string[] } | { kind: 'digest'; frequency: DigestFrequency; timeZone: string };

export function placementOf(subscription: Subscription): Placement {
  const { frequency, timeZone } = timingOf(subscription);
  return frequency === 'immediate' ? { kind: 'match', scopes: subscriptionScopes(subscription.filters) } : { kind: 'digest', frequency, timeZone };
}

function digestKey(subscription: Pick<Subscription, 'id'>, placement: { frequency: DigestFrequency; timeZone: string }): { pk: string; sk: string } {
  return keyOf('digestIndex', { frequency: placement.frequency, timeZone: placement.timeZone, shard: shardOf(subscription.id), id: subscription.id });
}

/** The digest index item, with where the subscriber's first digest in the zone starts (`since`, `zoneCutoff`: see `DigestPlacement`). */
export function digestItem(subscription: Subscription, placement: { frequency: DigestFrequency; timeZone: string }, start: string | DigestPlacement): Record<string, unknown> {
  const { since, zoneCutoff } = typeof start === 'string' ? { since: start, zoneCutoff: undefined } : start;
  return { ...digestKey(subscription, placement), type: ENTITIES.digestIndex.type, data: subscription, orgId: subscription.orgId ?? null, since, ...(zoneCutoff === undefined ? {} : { zoneCutoff }) };
}

/**
 * Notes that a (frequency, time zone) has digest subscribers, before the
 * first of them is filed: a digest run reads these to learn which zones to
 * look at. Idempotent, outside the subscription's transaction, so
 * confirmations in one zone never conflict on it; an entry whose
 * subscribers have all gone costs a run a few empty Queries a day.
 */
export async function registerDigestZone(db: DynamoDBDocumentClient, tableName: string, placement: Placement): Promise<void> {
  if (placement.kind !== 'digest') return;
  const { frequency, timeZone } = placement;
  // An update, not a put: the zone's last run (`lastCutoff`) stays.
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keyOf('digestZone', { frequency, timeZone }),
      UpdateExpression: 'SET #type = :type, #frequency = :f, #timeZone = :tz',
      ExpressionAttributeNames: { '#type': 'type', '#frequency': 'frequency', '#timeZone': 'timeZone' },
      ExpressionAttributeValues: { ':type': ENTITIES.digestZone.type, ':f': frequency, ':tz': timeZone },
    }),
  );
}

/**
 * The writes that move an active subscription from `before`'s filing to
 * `after`'s in one transaction: match-index scopes it leaves are deleted and
 * every scope it has is put again (the items carry a copy of it); a digest
 * item is updated in place, or moved to its new zone or frequency starting
 * where its digests in the old one listed up to (`listedUpTo`), with the new
 * zone's last cut-off, so that its first digest there lists from that point
 * even when the new zone's last run came later (no gap) and later ones
 * follow the zone's runs (nothing twice). The new zone's cut-off is checked
 * in the transaction: a run of that zone starting meanwhile fails the
 * switch (a conflict to retry) instead of leaving a gap. A first digest
 * item starts at `at`.
 */
export async function refileWrites(db: DynamoDBDocumentClient, tableName: string, before: Subscription, after: Subscription, at: string): Promise<TransactItem[]> {
  const from = placementOf(before);
  const to = placementOf(after);
  const items: TransactItem[] = [];
  if (from.kind === 'match') {
    const kept = new Set(to.kind === 'match' ? to.scopes : []);
    items.push(...matchKeys(before, from.scopes.filter((scope) => !kept.has(scope))).map((Key) => ({ Delete: { TableName: tableName, Key } })));
  }
  if (to.kind === 'match') {
    if (from.kind === 'digest') items.push({ Delete: { TableName: tableName, Key: digestKey(before, from) } });
    return [...items, ...matchPuts(tableName, after, to.scopes)];
  }
  if (from.kind === 'digest' && from.frequency === to.frequency && from.timeZone === to.timeZone) {
    items.push({
      Update: {
        TableName: tableName,
        Key: digestKey(after, to),
        UpdateExpression: 'SET #data = :data, orgId = :org',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#data': 'data' },
        ExpressionAttributeValues: { ':data': after, ':org': after.orgId ?? null },
      },
    });
    return items;
  }
  if (from.kind !== 'digest') return [...items, { Put: { TableName: tableName, Item: digestItem(after, to, at) } }];
  const read = (Key: Record<string, string>) => db.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }));
  const [old, oldZone, newZone] = await Promise.all([read(digestKey(before, from)), read(keyOf('digestZone', from)), read(keyOf('digestZone', to))]);
  const placed: DigestPlacement | undefined = typeof old.Item?.since === 'string' ? { since: old.Item.since, ...(typeof old.Item.zoneCutoff === 'string' ? { zoneCutoff: old.Item.zoneCutoff } : {}) } : undefined;
  const since = placed ? listedUpTo(placed, stringOr(oldZone.Item?.lastCutoff)) : (stringOr(oldZone.Item?.lastCutoff) ?? at);
  const zoneCutoff = stringOr(newZone.Item?.lastCutoff);
  items.push({ Delete: { TableName: tableName, Key: digestKey(before, from) } });
  items.push({ Put: { TableName: tableName, Item: digestItem(after, to, { since, ...(zoneCutoff === undefined ? {} : { zoneCutoff }) }) } });
  items.push({
    ConditionCheck: {
      TableName: tableName,
      Key: keyOf('digestZone', to),
      ConditionExpression: zoneCutoff === undefined ? 'attribute_not_exists(lastCutoff)' : 'lastCutoff = :cutoff',
      ...(zoneCutoff === undefined ? {} : { ExpressionAttributeValues: { ':cutoff': zoneCutoff } }),
    },
  });
  return items;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The index writes that file an active subscription, its digests listing what is published from `at` on. */
export function fileWrites(tableName: string, subscription: Subscription, at: string): TransactItem[] {
  const placement = placementOf(subscription);
  if (placement.kind === 'match') return matchPuts(tableName, subscription, placement.scopes);
  return [{ Put: { TableName: tableName, Item: digestItem(subscription, placement, at) } }];
}

/** The index deletes that take an active subscription out of delivery. */
export function unfileWrites(tableName: string, subscription: Subscription): TransactItem[] {
  const placement = placementOf(subscription);
  const keys = placement.kind === 'match' ? matchKeys(subscription, placement.scopes) : [digestKey(subscription, placement)];
  return keys.map((Key) => ({ Delete: { TableName: tableName, Key } }));
}

function matchKeys(subscription: Subscription, scopes: readonly string[]): { pk: string; sk: string }[] {
  const shard = shardOf(subscription.id);
  return scopes.map((scope) => keyOf('subscriptionIndex', { channel: subscription.channel, scope, shard, id: subscription.id }));
}

function matchPuts(tableName: string, subscription: Subscription, scopes: readonly string[]): TransactItem[] {
  return matchKeys(subscription, scopes).map((key) => ({
    Put: { TableName: tableName, Item: { ...key, type: ENTITIES.subscriptionIndex.type, data: subscription, orgId: subscription.orgId ?? null } },
  }));
}
