import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { timingOf, type DigestFrequency } from '../../domain/delivery-timing';
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

/** The digest index item; `since` is the earliest publish time its digests list (when it joined this zone and frequency). */
export function digestItem(subscription: Subscription, placement: { frequency: DigestFrequency; timeZone: string }, since: string): Record<string, unknown> {
  return { ...digestKey(subscription, placement), type: ENTITIES.digestIndex.type, data: subscription, orgId: subscription.orgId ?? null, since };
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
 * item is updated in place, or moved to its new zone or frequency with
 * `since` at the old zone's last cut-off (what its last digest listed up
 * to), so the new zone's next run neither repeats nor, mostly, skips items;
 * a first digest item starts at `at`.
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
  let since = at;
  if (from.kind === 'digest') {
    const [old, zone] = await Promise.all([
      db.send(new GetCommand({ TableName: tableName, Key: digestKey(before, from), ConsistentRead: true })),
      db.send(new GetCommand({ TableName: tableName, Key: keyOf('digestZone', from), ConsistentRead: true })),
    ]);
    const candidates = [old.Item?.since, zone.Item?.lastCutoff].filter((v): v is string => typeof v === 'string');
    if (candidates.length) since = candidates.reduce((a, b) => (a > b ? a : b));
    items.push({ Delete: { TableName: tableName, Key: digestKey(before, from) } });
  }
  items.push({ Put: { TableName: tableName, Item: digestItem(after, to, since) } });
  return items;
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
