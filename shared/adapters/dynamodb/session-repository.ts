import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Session, SignInGrant } from '../../domain/session';
import type { SessionStore } from '../../ports/session-store';
import { itemOf, keyOf } from './entities';

const ttlOf = (expiresAt: string) => Math.ceil(Date.parse(expiresAt) / 1000);

function grantOf(nonceHash: string, item: Record<string, unknown>): SignInGrant {
  return { nonceHash, personId: String(item.personId), createdAt: String(item.createdAt), expiresAt: String(item.expiresAt) };
}

/**
 * Sign-in grants and sessions in the single table, each with a TTL. Taking
 * a grant is a conditional delete returning the old item, so two clicks on
 * one link cannot both succeed.
 */
export class DynamoSessionStore implements SessionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putGrant(grant: SignInGrant): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...itemOf('signInGrant', grant), personId: grant.personId, createdAt: grant.createdAt, expiresAt: grant.expiresAt, ttl: ttlOf(grant.expiresAt) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async peekGrant(nonceHash: string): Promise<SignInGrant | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('signInGrant', { nonceHash }), ConsistentRead: true }));
    return res.Item ? grantOf(nonceHash, res.Item) : undefined;
  }

  async takeGrant(nonceHash: string): Promise<SignInGrant | undefined> {
    try {
      const res = await this.db.send(
        new DeleteCommand({ TableName: this.tableName, Key: keyOf('signInGrant', { nonceHash }), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD' }),
      );
      return res.Attributes ? grantOf(nonceHash, res.Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async putSession(session: Session): Promise<void> {
    const { idHash, ...rest } = session;
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...itemOf('session', { idHash }), ...rest, ttl: ttlOf(session.expiresAt) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getSession(idHash: string): Promise<Session | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('session', { idHash }), ConsistentRead: true }));
    const item = res.Item;
    if (!item) return undefined;
    return {
      idHash,
      personId: String(item.personId),
      orgId: String(item.orgId),
      role: item.role as Session['role'],
      csrfToken: String(item.csrfToken),
      createdAt: String(item.createdAt),
      expiresAt: String(item.expiresAt),
    };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keyOf('session', { idHash }) }));
  }
}
