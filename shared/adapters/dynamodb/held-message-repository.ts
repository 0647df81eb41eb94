import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { shardOf } from '../../domain/fan-out';
import type { HeldMessage, HeldMessageStore } from '../../ports/held-message-store';
import { ENTITIES, indexKeyOf, indexPartitionOf, keyOf } from './entities';

const DAY_SECONDS = 86_400;

function keyFor(message: Pick<HeldMessage, 'subscriptionId' | 'publicationId'>) {
  return keyOf('heldMessage', { subscriptionId: message.subscriptionId, item: `PUB#${message.publicationId}` });
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

  async claim(message: HeldMessage): Promise<boolean> {
    try {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keyFor(message), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': message.version } }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
