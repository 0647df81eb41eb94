import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ApiKeyRecord } from '../../domain/api-key';
import type { AuditEntry } from '../../domain/audit';
import type { Organization } from '../../domain/organization';
import type { Person } from '../../domain/person';
import { ConflictError, NotFoundError } from '../../errors';
import type { Directory } from '../../ports/directory';
import { auditItem } from './audit-log';
import { queryAll } from './query-pages';
import { indexKeyOf, indexPartitionOf, itemOf, keyOf } from './entities';

/** Organizations, people and API keys in the single table. */
export class DynamoDirectory implements Directory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putOrganization(org: Organization): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { ...itemOf('organization', org), data: org, ...indexKeyOf('organization', 'gsi1', org) } }),
    );
  }

  async getOrganization(id: string): Promise<Organization | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('organization', { id }) }));
    return res.Item?.data as Organization | undefined;
  }

  async listOrganizations(): Promise<Organization[]> {
    const items = await queryAll(this.db, { TableName: this.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': indexPartitionOf('organization', 'gsi1', {}) } });
    return items.map((i) => i.data as Organization);
  }

  async putPerson(person: Person): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...itemOf('person', person), data: person, ...indexKeyOf('person', 'gsi1', person) } } },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...itemOf('personEmail', person), personId: person.id },
                ConditionExpression: 'attribute_not_exists(pk) OR personId = :id',
                ExpressionAttributeValues: { ':id': person.id },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new ConflictError('email-taken', 'Another person already uses this email address.');
      throw error;
    }
  }

  async getPerson(id: string): Promise<Person | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('person', { id }) }));
    return res.Item?.data as Person | undefined;
  }

  async listPeople(orgId: string): Promise<Person[]> {
    const items = await queryAll(this.db, { TableName: this.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': indexPartitionOf('person', 'gsi1', { orgId }) } });
    return items.map((i) => i.data as Person);
  }

  async findPersonByEmail(email: string): Promise<Person | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('personEmail', { email }), ConsistentRead: true }));
    const personId = res.Item?.personId as string | undefined;
    return personId ? this.getPerson(personId) : undefined;
  }

  async createApiKey(record: ApiKeyRecord, audit: AuditEntry[]): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...itemOf('apiKey', record), data: record, ...indexKeyOf('apiKey', 'gsi1', record) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: this.tableName, Item: { ...itemOf('apiKeyRef', record), hash: record.hash }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...audit.map((entry) => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } })),
        ],
      }),
    );
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    // Strongly consistent, so a revoked key stops working at once.
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('apiKey', { hash }), ConsistentRead: true }));
    return res.Item?.data as ApiKeyRecord | undefined;
  }

  async getApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    const ref = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('apiKeyRef', { keyId }), ConsistentRead: true }));
    const hash = ref.Item?.hash as string | undefined;
    return hash ? this.findApiKeyByHash(hash) : undefined;
  }

  async listApiKeys(orgId: string): Promise<ApiKeyRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitionOf('apiKey', 'gsi1', { orgId }) },
      ScanIndexForward: false,
    });
    return items.map((i) => i.data as ApiKeyRecord);
  }

  async revokeApiKey(keyId: string, at: string, audit: AuditEntry[]): Promise<void> {
    const record = await this.getApiKey(keyId);
    if (!record) throw new NotFoundError('API key');
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keyOf('apiKey', record),
                UpdateExpression: 'SET #data.revokedAt = :at',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#data.revokedAt)',
                ExpressionAttributeNames: { '#data': 'data' },
                ExpressionAttributeValues: { ':at': at },
              },
            },
            ...audit.map((entry) => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } })),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException || error instanceof ConditionalCheckFailedException) {
        throw new ConflictError('already-revoked', 'This API key is already revoked.', { keyId });
      }
      throw error;
    }
  }
}
