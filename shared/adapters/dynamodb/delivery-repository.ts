import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Channel } from '../../domain/channel';
import type { DeliveryHealth, HealthOutcome } from '../../domain/delivery-health';
import type { Version } from '../../domain/publication';
import type {
  BatchOutcome,
  ChannelProgress,
  ChunkKey,
  ChunkRecord,
  DeliveryStore,
  DeliveryTotals,
  RecipientOutcome,
  RoundEnd,
  VersionDeliverySummary,
} from '../../ports/delivery-store';
import { DynamoDeliveryHealth, deliveryTtl } from './delivery-health-repository';
import { ENTITIES, itemOf, keyOf, partitionOf } from './entities';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

function chunkKey(key: ChunkKey) {
  return keyOf('fanOutChunk', key);
}

function progressKey(publicationId: string, version: number, channel: Channel) {
  return keyOf('fanOutProgress', { publicationId, version, channel });
}

const ZERO: DeliveryTotals = { sent: 0, failed: 0, deadLettered: 0, held: 0 };

function toChunk(item: Record<string, unknown>): ChunkRecord {
  return {
    publicationId: item.publicationId as string,
    version: item.version as number,
    channel: item.channel as Channel,
    scope: item.scope as string,
    shard: item.shard as number,
    start: item.start as string,
    state: item.state as ChunkRecord['state'],
    recipients: (item.recipients as string[] | undefined) ?? [],
    next: (item.next as string | null | undefined) ?? null,
    leaseToken: (item.leaseToken as string | null | undefined) ?? null,
    leaseUntil: (item.leaseUntil as string | null | undefined) ?? null,
    roundTargets: (item.roundTargets as string[] | undefined) ?? [],
    batchesDone: (item.batchesDone as number | undefined) ?? 0,
    inFlight: (item.inFlight as number | null | undefined) ?? null,
    outcomes: (item.outcomes as Record<string, RecipientOutcome> | undefined) ?? {},
    rounds: (item.rounds as number | undefined) ?? 1,
    sentCount: (item.sentCount as number | undefined) ?? 0,
    continued: item.continued === true,
    // Chunks counted before `held` existed count none held.
    counted: { ...ZERO, ...(item.counted as Partial<DeliveryTotals> | undefined) },
  };
}

function toProgress(item: Record<string, unknown>): ChannelProgress {
  const n = (name: string) => (typeof item[name] === 'number' ? (item[name] as number) : 0);
  const progress: ChannelProgress = {
    partsPlanned: n('partsPlanned'),
    partsDone: n('partsDone'),
    matched: n('matched'),
    sent: n('sent'),
    failed: n('failed'),
    deadLettered: n('deadLettered'),
    held: n('held'),
    pending: Math.max(0, n('matched') - n('sent') - n('failed') - n('deadLettered') - n('held')),
  };
  for (const name of ['publishedAt', 'plannedAt', 'firstSettledAt', 'lastSettledAt'] as const) {
    if (typeof item[name] === 'string') progress[name] = item[name] as string;
  }
  return progress;
}

/**
 * Fan-out chunks and progress in the single table (entities `fanOutChunk`,
 * `fanOutProgress`), and subscription delivery health. Chunk partitions are
 * per (version, channel, shard), so a large fan-out's writes spread over
 * MATCH_INDEX_SHARDS partitions; every change to a chunk after its creation
 * is conditional on the lease token of the worker holding it.
 */
export class DynamoDeliveryStore implements DeliveryStore {
  private readonly health: DynamoDeliveryHealth;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.health = new DynamoDeliveryHealth(db, tableName);
  }

  async publishedVersion(publicationId: string, version: number): Promise<Version | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('version', { id: publicationId, version }), ConsistentRead: true }));
    return res.Item?.data as Version | undefined;
  }

  async recordPlan(plan: { publicationId: string; version: number; channel: Channel; partsPlanned: number; publishedAt: string }, at: string): Promise<void> {
    const { publicationId, version, channel, partsPlanned } = plan;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: progressKey(publicationId, version, channel),
        UpdateExpression:
          'SET #type = :type, publicationId = :pid, version = :v, channel = :ch, partsPlanned = :parts, publishedAt = :published, plannedAt = if_not_exists(plannedAt, :at), #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':type': ENTITIES.fanOutProgress.type, ':pid': publicationId, ':v': version, ':ch': channel, ':parts': partsPlanned, ':published': plan.publishedAt, ':at': at, ':ttl': deliveryTtl(at) },
      }),
    );
  }

  async getChunk(key: ChunkKey): Promise<ChunkRecord | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: chunkKey(key), ConsistentRead: true }));
    return res.Item ? toChunk(res.Item) : undefined;
  }

  async createChunk(chunk: ChunkRecord, at: string): Promise<{ created: boolean; chunk: ChunkRecord }> {
    const { publicationId, version, channel, scope, shard, start } = chunk;
    const partDone = chunk.state === 'done' && chunk.next === null;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...itemOf('fanOutChunk', chunk), publicationId, version, channel, scope, shard, start, ...this.chunkFields(chunk), ttl: deliveryTtl(at) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.progressUpdate(publicationId, version, channel, { matched: chunk.recipients.length, partsDone: partDone ? 1 : 0 }, at, false),
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { created: true, chunk };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || error.CancellationReasons?.[0]?.Code !== 'ConditionalCheckFailed') throw error;
      const existing = await this.getChunk(chunk);
      if (!existing) throw new Error('A fan-out chunk refused creation but cannot be read', { cause: error });
      // A retried creation that had landed (its answer lost to a timeout) holds this worker's lease: it was created by this call.
      const ours = chunk.leaseToken !== null && existing.leaseToken === chunk.leaseToken && existing.recipients.join() === chunk.recipients.join();
      return { created: ours, chunk: existing };
    }
  }

  async leaseChunk(key: ChunkKey, expectedToken: string | null, token: string, leaseUntil: string, newRound?: { targets: string[] }): Promise<ChunkRecord | undefined> {
    const sets = ['leaseToken = :token', 'leaseUntil = :until'];
    if (newRound) sets.push('#state = :sending', 'roundTargets = :targets', 'batchesDone = :zero', 'inFlight = :null', 'rounds = rounds + :one');
    const held = expectedToken === null ? '(attribute_not_exists(leaseToken) OR attribute_type(leaseToken, :nullType))' : 'leaseToken = :expected';
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: chunkKey(key),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `attribute_exists(pk) AND #state <> :done AND ${held}`,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':token': token,
            ':until': leaseUntil,
            ':done': 'done',
            ...(expectedToken === null ? { ':nullType': 'NULL' } : { ':expected': expectedToken }),
            ...(newRound ? { ':sending': 'sending', ':targets': newRound.targets, ':zero': 0, ':null': null, ':one': 1 } : {}),
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return res.Attributes ? toChunk(res.Attributes) : undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // The SDK retried a lease that had landed (its answer lost to a timeout): the lease is ours after all.
      const old = conditionItem(error);
      return old?.leaseToken === token ? toChunk(old) : undefined;
    }
  }

  async markInFlight(key: ChunkKey, token: string, index: number): Promise<boolean> {
    return this.holderUpdate(key, token, 'SET inFlight = :i', { ':i': index }, {}, () => true);
  }

  async recordBatch(key: ChunkKey, token: string, index: number, outcome: BatchOutcome): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':next': index + 1, ':null': null, ':sent': outcome.sent.length };
    const sets = ['batchesDone = :next', 'inFlight = :null'];
    const removes: string[] = [];
    Object.entries(outcome.outcomes).forEach(([id, result], i) => {
      names[`#o${i}`] = id;
      values[`:o${i}`] = result;
      sets.push(`outcomes.#o${i} = :o${i}`);
    });
    // A recipient sent in a retry round no longer waits.
    outcome.sent.forEach((id, i) => {
      names[`#s${i}`] = id;
      removes.push(`outcomes.#s${i}`);
    });
    const update = `SET ${sets.join(', ')} ADD sentCount :sent${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
    // Only the next batch may be recorded, so a retried call that had landed cannot add its count twice; it is recognised as ours instead.
    values[':index'] = index;
    return this.holderUpdate(key, token, update, values, names, (old) => old.batchesDone === index + 1, 'batchesDone = :index');
  }

  async finishRound(key: ChunkKey, token: string, round: RoundEnd, at: string): Promise<boolean> {
    const { state, counted: totals, before, partDone } = round;
    const delta = { sent: totals.sent - before.sent, failed: totals.failed - before.failed, deadLettered: totals.deadLettered - before.deadLettered, held: totals.held - before.held };
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: chunkKey(key),
          UpdateExpression: 'SET #state = :state, leaseToken = :null, leaseUntil = :null, inFlight = :null, counted = :totals',
          ConditionExpression: 'leaseToken = :token',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':state': state, ':null': null, ':totals': totals, ':token': token },
        },
      },
      this.progressUpdate(key.publicationId, key.version, key.channel, { ...delta, partsDone: partDone ? 1 : 0 }, at, delta.sent + delta.failed + delta.deadLettered + delta.held !== 0),
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async releaseChunk(key: ChunkKey, token: string): Promise<void> {
    await this.holderUpdate(key, token, 'SET leaseToken = :null, leaseUntil = :null', { ':null': null }, {}, () => false);
  }

  async markContinued(key: ChunkKey): Promise<void> {
    await this.db.send(new UpdateCommand({ TableName: this.tableName, Key: chunkKey(key), UpdateExpression: 'SET continued = :true', ExpressionAttributeValues: { ':true': true } }));
  }

  async summary(publicationId: string, latestVersion: number): Promise<VersionDeliverySummary[]> {
    const versions = Array.from({ length: latestVersion }, (_, i) => i + 1);
    return Promise.all(
      versions.map(async (version) => {
        const res = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
            ExpressionAttributeValues: { ':pk': partitionOf('fanOutProgress', { publicationId, version }), ':p': 'P#' },
            ConsistentRead: true,
          }),
        );
        const channels: Partial<Record<Channel, ChannelProgress>> = {};
        for (const item of res.Items ?? []) channels[item.channel as Channel] = toProgress(item);
        return { version, channels };
      }),
    );
  }

  recordHealth(subscriptionId: string, outcome: HealthOutcome, reason: string | undefined, at: string): Promise<void> {
    return this.health.record(subscriptionId, outcome, reason, at);
  }

  healthOf(subscriptionIds: readonly string[]): Promise<Map<string, DeliveryHealth>> {
    return this.health.healthOf(subscriptionIds);
  }

  private chunkFields(chunk: ChunkRecord): Record<string, unknown> {
    return {
      state: chunk.state,
      recipients: chunk.recipients,
      next: chunk.next,
      leaseToken: chunk.leaseToken,
      leaseUntil: chunk.leaseUntil,
      roundTargets: chunk.roundTargets,
      batchesDone: chunk.batchesDone,
      inFlight: chunk.inFlight,
      outcomes: chunk.outcomes,
      rounds: chunk.rounds,
      continued: chunk.continued,
      counted: chunk.counted,
      sentCount: chunk.sentCount,
    };
  }



  /** ADDs to a fan-out's progress item; `settled` also moves its first and last settle times. */
  private progressUpdate(publicationId: string, version: number, channel: Channel, add: Record<string, number>, at: string, settled: boolean): TransactItem {
    const adds = Object.keys(add).map((name) => `${name} :${name}`);
    const sets = ['#type = :type', 'publicationId = :pid', 'version = :v', 'channel = :ch', '#ttl = if_not_exists(#ttl, :ttl)'];
    if (settled) sets.push('firstSettledAt = if_not_exists(firstSettledAt, :at)', 'lastSettledAt = :at');
    return {
      Update: {
        TableName: this.tableName,
        Key: progressKey(publicationId, version, channel),
        UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':type': ENTITIES.fanOutProgress.type,
          ':pid': publicationId,
          ':v': version,
          ':ch': channel,
          ':ttl': deliveryTtl(at),
          ...(settled ? { ':at': at } : {}),
          ...Object.fromEntries(Object.entries(add).map(([name, value]) => [`:${name}`, value])),
        },
      },
    };
  }

  /**
   * An update only the lease holder may make. When its condition fails and
   * the item is still held by `token`, `landed` says from the item whether
   * this was a retried call whose first attempt had already landed.
   */
  private async holderUpdate(
    key: ChunkKey,
    token: string,
    update: string,
    values: Record<string, unknown>,
    names: Record<string, string>,
    landed: (old: ChunkRecord) => boolean,
    extraCondition?: string,
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: chunkKey(key),
          UpdateExpression: update,
          ConditionExpression: extraCondition ? `leaseToken = :token AND ${extraCondition}` : 'leaseToken = :token',
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: { ...values, ':token': token },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const old = conditionItem(error);
      return old?.leaseToken === token && landed(toChunk(old));
    }
  }
}

/** The item a failed condition returned (ALL_OLD), in plain values: the document client does not convert it. */
function conditionItem(error: unknown): Record<string, unknown> | undefined {
  const item = (error as { Item?: Record<string, unknown> }).Item;
  return item ? unmarshall(item as Parameters<typeof unmarshall>[0]) : undefined;
}

function isConditionFailure(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) return (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
