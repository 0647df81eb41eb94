import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '../../ports/idempotency-store';
import { itemOf, keyOf } from './entities';

/** Idempotency records live in the table and expire through DynamoDB TTL. */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async claim(key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyClaim> {
    const now = this.nowSeconds();
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemOf('idempotency', { hash: key }), fingerprint, state: 'in-progress', ttl: now + ttlSeconds },
          // TTL deletion lags; an expired record counts as absent.
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return { state: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('idempotency', { hash: key }), ConsistentRead: true }));
    const item = res.Item;
    if (!item) return this.claim(key, fingerprint, ttlSeconds);
    if (item.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (item.state !== 'completed') return { state: 'in-progress' };
    return { state: 'completed', response: item.response as StoredResponse };
  }

  async complete(key: string, response: StoredResponse, ttlSeconds: number): Promise<void> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('idempotency', { hash: key }), ConsistentRead: true }));
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...itemOf('idempotency', { hash: key }), fingerprint: res.Item?.fingerprint, state: 'completed', response, ttl: this.nowSeconds() + ttlSeconds },
      }),
    );
  }

  async release(key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keyOf('idempotency', { hash: key }) }));
  }
}
