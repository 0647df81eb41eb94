import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateDecision, RateLimiter } from '../../ports/rate-limiter';
import { ENTITIES, keyOf } from './entities';

/**
 * Fixed-window counters in the table: one item per (bucket, hashed subject,
 * window), incremented with an atomic conditional `ADD`, deleted by TTL an
 * hour after the window ends. A full window refuses without counting.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async hit(bucket: string, subject: string, limit: number, windowSeconds: number, now: string, units = 1): Promise<RateDecision> {
    if (!Number.isInteger(units) || units < 1 || units > limit) throw new RangeError(`A hit counts 1 to ${limit} units, not ${units}`);
    const nowSeconds = Math.floor(Date.parse(now) / 1000);
    const windowStart = nowSeconds - (nowSeconds % windowSeconds);
    const windowEnd = windowStart + windowSeconds;
    const subjectHash = createHash('sha256').update(subject).digest('hex');
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf('rateCounter', { bucket, subjectHash, windowStart }),
          UpdateExpression: 'ADD hits :units SET #type = :type, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(hits) OR hits <= :room',
          ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':units': units, ':room': limit - units, ':type': ENTITIES.rateCounter.type, ':ttl': windowEnd + 3600 },
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { allowed: false, retryAfterSeconds: Math.max(1, windowEnd - nowSeconds) };
      throw error;
    }
  }
}
