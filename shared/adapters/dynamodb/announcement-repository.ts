import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AnnouncementRecord, AnnouncementStore } from '../../ports/announcement-store';
import { ENTITIES, keyOf } from './entities';

/**
 * Announcement records in the single table, one item per version
 * (`ANNOUNCE#<id>#<version>` / `ANNOUNCE`). Both writes are conditional, so
 * two attempts racing on one version cannot turn `sent` back into `pending`.
 */
export class DynamoAnnouncementStore implements AnnouncementStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async begin(publicationId: string, version: number, at: string): Promise<'proceed' | 'already-sent'> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf('announcement', { publicationId, version }),
          UpdateExpression:
            'SET #type = :type, #state = :pending, publicationId = :id, #version = :version, firstAttemptAt = if_not_exists(firstAttemptAt, :at), lastAttemptAt = :at ADD attempts :one',
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :pending',
          ExpressionAttributeNames: { '#type': 'type', '#state': 'state', '#version': 'version' },
          ExpressionAttributeValues: { ':type': ENTITIES.announcement.type, ':pending': 'pending', ':id': publicationId, ':version': version, ':at': at, ':one': 1 },
        }),
      );
      return 'proceed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'already-sent';
      throw error;
    }
  }

  async markSent(publicationId: string, version: number, messageId: string, at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf('announcement', { publicationId, version }),
          UpdateExpression: 'SET #state = :sent, messageId = :messageId, sentAt = :at',
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':pending': 'pending', ':messageId': messageId, ':at': at },
        }),
      );
    } catch (error) {
      // Another attempt recorded it first; the first record stands.
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }

  async get(publicationId: string, version: number): Promise<AnnouncementRecord | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('announcement', { publicationId, version }), ConsistentRead: true }));
    if (!res.Item) return undefined;
    const item = res.Item;
    return {
      publicationId: item.publicationId as string,
      version: item.version as number,
      state: item.state as AnnouncementRecord['state'],
      attempts: item.attempts as number,
      firstAttemptAt: item.firstAttemptAt as string,
      ...(item.sentAt ? { sentAt: item.sentAt as string } : {}),
      ...(item.messageId ? { messageId: item.messageId as string } : {}),
    };
  }
}
