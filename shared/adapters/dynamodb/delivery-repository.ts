import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, type BatchGetCommandOutput, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { healthReasonCode, type DeliveryHealth, type HealthOutcome } from '../../domain/delivery-health';
import type { Version } from '../../domain/publication';
import type { Channel } from '../../domain/channel';
import type {
  ClaimRequest,
  ClaimResult,
  ContinuationMarker,
  DeliveryCounts,
  DeliveryKey,
  DeliveryOutcome,
  DeliveryRecord,
  DeliveryStore,
  VersionDeliverySummary,
} from '../../ports/delivery-store';
import { ENTITIES, keyOf, partitionOf, sortPrefixOf } from './entities';

/** Delivery items are evidence for publishers and operators for this long, then DynamoDB TTL removes them. */
const RETENTION_SECONDS = 180 * 24 * 3600;

function ttl(at: string): number {
  return Math.floor(Date.parse(at) / 1000) + RETENTION_SECONDS;
}

function toRecord(item: Record<string, unknown>): DeliveryRecord {
  const record: DeliveryRecord = {
    publicationId: item.publicationId as string,
    version: item.version as number,
    subscriptionId: item.subscriptionId as string,
    deliveryId: item.deliveryId as string,
    channel: item.channel as Channel,
    state: item.state as DeliveryRecord['state'],
    attempts: (item.attempts as number | undefined) ?? 0,
    claimedBy: item.claimedBy as string,
    claimToken: item.claimToken as string,
    claimedAt: item.claimedAt as string,
    updatedAt: item.updatedAt as string,
  };
  if (typeof item.reason === 'string') record.reason = item.reason;
  if (typeof item.providerMessageId === 'string') record.providerMessageId = item.providerMessageId;
  return record;
}

/** BatchGetItem reads at most 100 keys a call. */
const BATCH_GET_LIMIT = 100;

const HEALTH_COUNTERS: Record<Exclude<HealthOutcome, 'sent'>, string> = { failed: 'failed', retrying: 'retried', 'dead-lettered': 'deadLettered' };

function toHealth(item: Record<string, unknown>): DeliveryHealth {
  const health: DeliveryHealth = {
    subscriptionId: item.subscriptionId as string,
    sent: (item.sent as number | undefined) ?? 0,
    failed: (item.failed as number | undefined) ?? 0,
    deadLettered: (item.deadLettered as number | undefined) ?? 0,
    retried: (item.retried as number | undefined) ?? 0,
    consecutiveFailures: (item.consecutiveFailures as number | undefined) ?? 0,
    lastAttemptAt: item.lastAttemptAt as string,
  };
  if (typeof item.lastSuccessAt === 'string') health.lastSuccessAt = item.lastSuccessAt;
  if (typeof item.lastFailureAt === 'string') health.lastFailureAt = item.lastFailureAt;
  if (typeof item.lastFailureReason === 'string') health.lastFailureReason = item.lastFailureReason;
  return health;
}

function markerKey(marker: ContinuationMarker) {
  const position = createHash('sha256').update(JSON.stringify(marker.position)).digest('base64url').slice(0, 22);
  return keyOf('deliveryContinuation', { publicationId: marker.publicationId, version: marker.version, marker: `${marker.channel}#${position}` });
}

/**
 * Delivery items in the single table: `DLV#<publication>#<version>` /
 * `S#<subscription>`. Each is claimed with a conditional UpdateItem before
 * the send and settled after it only by the claim's holder (its token).
 * Delivery items hold ids, states and reasons: never an address.
 *
 * A settle that lands also updates the subscription's health item
 * (`SUBHEALTH#<subscription>` / `HEALTH`) with one ADD/SET UpdateItem right
 * after it. The settle is conditional on the claim token, so a redelivered
 * or repeated settle fails its condition and counts nothing. A crash between
 * the two writes loses that one count (it never doubles one).
 */
export class DynamoDeliveryStore implements DeliveryStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async publishedVersion(publicationId: string, version: number): Promise<Version | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('version', { id: publicationId, version }), ConsistentRead: true }));
    return res.Item?.data as Version | undefined;
  }

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const key = keyOf('delivery', request);
    // `claimToken = :token`: the SDK may retry a claim that landed but whose answer was lost (a timeout); the retry is its own claim, not a rival's.
    const reclaimable = ['#state IN (:retrying, :deadLettered)', '(#state = :sending AND claimToken = :token)'];
    if (request.reclaimAbandoned) reclaimable.push('(#state = :sending AND claimedAt < :abandonedBefore)');
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: [
            'SET #type = :type, publicationId = :pid, version = :version, subscriptionId = :sid, channel = :channel',
            '#state = :sending, claimedBy = :by, claimToken = :token, claimedAt = :now, updatedAt = :now, #ttl = :ttl',
            'deliveryId = if_not_exists(deliveryId, :did), createdAt = if_not_exists(createdAt, :now)',
            'attempts = if_not_exists(attempts, :zero) + :one',
          ].join(', '),
          ConditionExpression: `attribute_not_exists(pk) OR ${reclaimable.join(' OR ')}`,
          ExpressionAttributeNames: { '#type': 'type', '#state': 'state', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':type': ENTITIES.delivery.type,
            ':pid': request.publicationId,
            ':version': request.version,
            ':sid': request.subscriptionId,
            ':channel': request.channel,
            ':sending': 'sending',
            ':retrying': 'retrying',
            ':deadLettered': 'dead-lettered',
            ':by': request.claimedBy,
            ':token': request.claimToken,
            ':now': request.now,
            ':ttl': ttl(request.now),
            ':did': request.deliveryId,
            ':zero': 0,
            ':one': 1,
            ...(request.reclaimAbandoned ? { ':abandonedBefore': request.abandonedBefore } : {}),
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true, record: toRecord(res.Attributes ?? {}) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = error.Item ? (error.Item as Record<string, unknown>) : undefined;
      if (existing && 'state' in existing) return { claimed: false, record: toRecord(unmarshalled(existing)) };
      const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      if (!res.Item) throw new Error('Delivery claim failed but the item is missing', { cause: error });
      return { claimed: false, record: toRecord(res.Item) };
    }
  }

  async settle(key: DeliveryKey, claimToken: string, outcome: DeliveryOutcome, at: string): Promise<boolean> {
    const values: Record<string, unknown> = { ':state': outcome.state, ':at': at, ':token': claimToken, ':sending': 'sending' };
    const sets = ['#state = :state', 'updatedAt = :at'];
    const removes: string[] = [];
    if (outcome.state === 'sent') {
      removes.push('reason');
      if (outcome.providerMessageId) {
        sets.push('providerMessageId = :pmid');
        values[':pmid'] = outcome.providerMessageId;
      }
    } else {
      sets.push('reason = :reason');
      values[':reason'] = outcome.reason.slice(0, 500);
    }
    const settled = await this.conditionalUpdate(key, `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`, values);
    if (settled) await this.recordHealth(key.subscriptionId, outcome.state, outcome.state === 'sent' ? undefined : outcome.reason, at);
    return settled;
  }

  async settleAbandoned(key: DeliveryKey, claimToken: string, reason: string, at: string): Promise<boolean> {
    const settled = await this.conditionalUpdate(key, 'SET #state = :state, updatedAt = :at, reason = :reason', {
      ':state': 'failed',
      ':at': at,
      ':reason': reason.slice(0, 500),
      ':token': claimToken,
      ':sending': 'sending',
    });
    if (settled) await this.recordHealth(key.subscriptionId, 'failed', reason, at);
    return settled;
  }

  async continuationRecorded(marker: ContinuationMarker): Promise<boolean> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: markerKey(marker), ConsistentRead: true }));
    return res.Item !== undefined;
  }

  async recordContinuation(marker: ContinuationMarker, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { ...markerKey(marker), type: ENTITIES.deliveryContinuation.type, channel: marker.channel, at, ttl: ttl(at) } }),
    );
  }

  async summary(publicationId: string, latestVersion: number): Promise<VersionDeliverySummary[]> {
    const versions = Array.from({ length: latestVersion }, (_, i) => i + 1);
    return Promise.all(versions.map(async (version) => ({ version, channels: await this.countVersion(publicationId, version) })));
  }

  async healthOf(subscriptionIds: readonly string[]): Promise<Map<string, DeliveryHealth>> {
    const found = new Map<string, DeliveryHealth>();
    const ids = [...new Set(subscriptionIds)];
    for (let i = 0; i < ids.length; i += BATCH_GET_LIMIT) {
      let requested: Record<string, unknown>[] | undefined = ids.slice(i, i + BATCH_GET_LIMIT).map((id) => keyOf('subscriptionHealth', { subscriptionId: id }));
      for (let round = 0; requested?.length; round += 1) {
        // Unprocessed keys come back under throttling: ask again after a short, growing pause.
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));
        const res: BatchGetCommandOutput = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: requested } } }));
        for (const item of res.Responses?.[this.tableName] ?? []) found.set(item.subscriptionId as string, toHealth(item));
        requested = res.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  /** One atomic ADD/SET on the subscription's health item for a settle that landed. */
  private async recordHealth(subscriptionId: string, outcome: HealthOutcome, reason: string | undefined, at: string): Promise<void> {
    const values: Record<string, unknown> = { ':type': ENTITIES.subscriptionHealth.type, ':sid': subscriptionId, ':at': at, ':ttl': ttl(at), ':one': 1 };
    const sets = ['#type = :type', 'subscriptionId = :sid', 'lastAttemptAt = :at', '#ttl = :ttl'];
    const adds: string[] = [];
    if (outcome === 'sent') {
      sets.push('lastSuccessAt = :at', 'consecutiveFailures = :zero');
      values[':zero'] = 0;
      adds.push('sent :one');
    } else {
      sets.push('lastFailureAt = :at', 'lastFailureReason = :reason');
      values[':reason'] = healthReasonCode(reason ?? 'unknown');
      adds.push(`${HEALTH_COUNTERS[outcome]} :one`, 'consecutiveFailures :one');
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf('subscriptionHealth', { subscriptionId }),
        UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
        ExpressionAttributeValues: values,
      }),
    );
  }

  private async countVersion(publicationId: string, version: number): Promise<Partial<Record<Channel, DeliveryCounts>>> {
    const channels: Partial<Record<Channel, DeliveryCounts>> = {};
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
          ExpressionAttributeValues: { ':pk': partitionOf('delivery', { publicationId, version }), ':s': sortPrefixOf('delivery') },
          ExpressionAttributeNames: { '#state': 'state' },
          ProjectionExpression: 'channel, #state',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) {
        const counts = (channels[item.channel as Channel] ??= { matched: 0, sent: 0, failed: 0, deadLettered: 0, pending: 0 });
        counts.matched += 1;
        if (item.state === 'sent') counts.sent += 1;
        else if (item.state === 'failed') counts.failed += 1;
        else if (item.state === 'dead-lettered') counts.deadLettered += 1;
        else counts.pending += 1;
      }
      start = res.LastEvaluatedKey;
    } while (start);
    return channels;
  }

  private async conditionalUpdate(key: DeliveryKey, update: string, values: Record<string, unknown>): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf('delivery', key),
          UpdateExpression: update,
          ConditionExpression: '#state = :sending AND claimToken = :token',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

/** The condition-failure item comes back in DynamoDB's attribute-value form (the document client does not convert it). */
function unmarshalled(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    const v = value as { S?: string; N?: string } | string | number;
    out[name] = typeof v === 'object' && v !== null ? (v.S ?? (v.N !== undefined ? Number(v.N) : undefined)) : v;
  }
  return out;
}
