import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { shardOf } from '../../domain/fan-out';
import type { HeldLease, HeldMessage, HeldMessageStore } from '../../ports/held-message-store';
import { ENTITIES, indexKeyOf, indexPartitionOf, keyOf } from './entities';

const DAY_SECONDS = 86_400;

function keyFor(message: Pick<HeldMessage, 'subscriptionId' | 'publicationId'>) {
  return keyOf('heldMessage', { subscriptionId: message.subscriptionId, item: `PUB#${message.publicationId}` });
}

/** The gsi2 sort key that makes a message due at `at`: its release time, or the end of a lease on it. */
function dueKey(message: HeldMessage, at: string): string {
  return indexKeyOf('heldMessage', 'gsi2', { channel: message.channel, shard: shardOf(message.subscriptionId), releaseAt: at, subscriptionId: message.subscriptionId, item: `PUB#${message.publicationId}` }).gsi2sk as string;
}

function messageOf(item: Record<string, unknown>): HeldMessage {
  return {
    subscriptionId: item.subscriptionId as string,
    channel: item.channel as HeldMessage['channel'],
    publicationId: item.publicationId as string,
    version: item.version as number,
    releaseAt: item.releaseAt as string,
  };
}

/** Held messages in the single table (entity `heldMessage`), due ones found through gsi2 by channel, shard and release time. */
export class DynamoHeldMessageStore implements HeldMessageStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async hold(message: HeldMessage): Promise<void> {
    const item = { subscriptionId: message.subscriptionId, item: `PUB#${message.publicationId}` };
    const shard = shardOf(message.subscriptionId);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keyFor(message),
            ...indexKeyOf('heldMessage', 'gsi2', { channel: message.channel, shard, releaseAt: message.releaseAt, ...item }),
            type: ENTITIES.heldMessage.type,
            ...message,
            ttl: Math.floor(Date.parse(message.releaseAt) / 1000) + 14 * DAY_SECONDS,
          },
          // A redelivered older version must not replace a newer one already held.
          ConditionExpression: 'attribute_not_exists(pk) OR version < :v',
          ExpressionAttributeValues: { ':v': message.version },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async due(channel: HeldMessage['channel'], shard: number, at: string, limit: number): Promise<HeldMessage[]> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :at',
        ExpressionAttributeValues: { ':pk': indexPartitionOf('heldMessage', 'gsi2', { channel, shard }), ':at': `${at}~` },
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map(messageOf);
  }

  async claim(message: HeldMessage, lease: HeldLease, now: string): Promise<{ inFlight: boolean } | undefined> {
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyFor(message),
          // Due again when the lease ends, should this worker stop: the next release finds it then.
          UpdateExpression: 'SET leaseToken = :t, leaseUntil = :until, gsi2sk = :due REMOVE sending',
          ConditionExpression: 'version = :v AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
          ExpressionAttributeValues: { ':t': lease.token, ':until': lease.leaseUntil, ':due': dueKey(message, lease.leaseUntil), ':v': message.version, ':now': now },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { inFlight: res.Attributes?.sending !== undefined };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async markSending(message: HeldMessage, token: string): Promise<boolean> {
    return this.underLease(message, token, { UpdateExpression: 'SET sending = :t' });
  }

  async settle(message: HeldMessage, token: string): Promise<void> {
    try {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keyFor(message), ConditionExpression: 'leaseToken = :t', ExpressionAttributeValues: { ':t': token } }));
    } catch (error) {
      // A newer version replaced it while it was out: that one stays to be released.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async giveBack(message: HeldMessage, token: string): Promise<void> {
    await this.underLease(message, token, { UpdateExpression: 'SET gsi2sk = :due REMOVE leaseToken, leaseUntil, sending', values: { ':due': dueKey(message, message.releaseAt) } });
  }

  private async underLease(message: HeldMessage, token: string, update: { UpdateExpression: string; values?: Record<string, string> }): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyFor(message),
          UpdateExpression: update.UpdateExpression,
          ConditionExpression: 'leaseToken = :t',
          ExpressionAttributeValues: { ':t': token, ...update.values },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
