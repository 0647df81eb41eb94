import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Version } from '../../domain/publication';
import type { Channel } from '../../domain/subscription';
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
import { keys } from './keys';

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

function markerKey(marker: ContinuationMarker) {
  const position = createHash('sha256').update(JSON.stringify(marker.position)).digest('base64url').slice(0, 22);
  return keys.deliveryContinuation(marker.publicationId, marker.version, `${marker.channel}#${position}`);
}

/**
 * Delivery items in the single table: `DLV#<publication>#<version>` /
 * `S#<subscription>`. Each is claimed with a conditional UpdateItem before
 * the send and settled after it only by the claim's holder (its token).
 * Delivery items hold ids, states and reasons: never an address.
 */
export class DynamoDeliveryStore implements DeliveryStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async publishedVersion(publicationId: string, version: number): Promise<Version | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.version(publicationId, version), ConsistentRead: true }));
    return res.Item?.data as Version | undefined;
  }

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const key = keys.delivery(request.publicationId, request.version, request.subscriptionId);
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
            ':type': 'delivery',
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
    return this.conditionalUpdate(key, `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`, values);
  }

  async settleAbandoned(key: DeliveryKey, claimToken: string, reason: string, at: string): Promise<boolean> {
    return this.conditionalUpdate(key, 'SET #state = :state, updatedAt = :at, reason = :reason', {
      ':state': 'failed',
      ':at': at,
      ':reason': reason.slice(0, 500),
      ':token': claimToken,
      ':sending': 'sending',
    });
  }

  async continuationRecorded(marker: ContinuationMarker): Promise<boolean> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: markerKey(marker), ConsistentRead: true }));
    return res.Item !== undefined;
  }

  async recordContinuation(marker: ContinuationMarker, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { ...markerKey(marker), type: 'delivery-continuation', channel: marker.channel, at, ttl: ttl(at) } }),
    );
  }

  async summary(publicationId: string, latestVersion: number): Promise<VersionDeliverySummary[]> {
    const versions = Array.from({ length: latestVersion }, (_, i) => i + 1);
    return Promise.all(versions.map(async (version) => ({ version, channels: await this.countVersion(publicationId, version) })));
  }

  private async countVersion(publicationId: string, version: number): Promise<Partial<Record<Channel, DeliveryCounts>>> {
    const channels: Partial<Record<Channel, DeliveryCounts>> = {};
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
          ExpressionAttributeValues: { ':pk': keys.deliveryPartition(publicationId, version), ':s': keys.deliveryPrefix },
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
          Key: keys.delivery(key.publicationId, key.version, key.subscriptionId),
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
