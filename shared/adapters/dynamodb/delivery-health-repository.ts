import { BatchGetCommand, UpdateCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { healthReasonCode, type DeliveryHealth, type HealthOutcome } from '../../domain/delivery-health';
import { ENTITIES, keyOf } from './entities';

/** Delivery evidence is kept this long, then DynamoDB TTL removes it. */
const DELIVERY_RETENTION_SECONDS = 180 * 24 * 3600;

export function deliveryTtl(at: string): number {
  return Math.floor(Date.parse(at) / 1000) + DELIVERY_RETENTION_SECONDS;
}

/** BatchGetItem reads at most 100 keys a call. */
const BATCH_GET_LIMIT = 100;

const HEALTH_COUNTERS: Record<Exclude<HealthOutcome, 'sent'>, string> = { failed: 'failed', retrying: 'retried', 'dead-lettered': 'deadLettered' };
const OUTCOMES: Record<HealthOutcome, true> = { sent: true, failed: true, retrying: true, 'dead-lettered': true };

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
  if (typeof item.lastOutcome === 'string' && item.lastOutcome in OUTCOMES) health.lastOutcome = item.lastOutcome as HealthOutcome;
  return health;
}

/**
 * Subscription delivery health items (`SUBHEALTH#<subscription>` / `HEALTH`):
 * one atomic ADD/SET UpdateItem per settled delivery, read in batches of 100.
 */
export class DynamoDeliveryHealth {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(subscriptionId: string, outcome: HealthOutcome, reason: string | undefined, at: string): Promise<void> {
    const values: Record<string, unknown> = { ':type': ENTITIES.subscriptionHealth.type, ':sid': subscriptionId, ':at': at, ':ttl': deliveryTtl(at), ':one': 1, ':outcome': outcome };
    const sets = ['#type = :type', 'subscriptionId = :sid', 'lastAttemptAt = :at', 'lastOutcome = :outcome', '#ttl = :ttl'];
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
}
