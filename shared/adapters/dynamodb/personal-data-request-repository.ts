import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PersonalDataRequest, PersonalDataRequestStore } from '../../ports/personal-data-request-store';
import { addressHash } from './address-hash';
import { batchDelete } from './batch-items';
import { indexKeyOf, indexPartitionOf, itemOf, keyOf } from './entities';
import { queryAll } from './query-pages';

/** Personal-data requests (`PDREQ#<id>`), in gsi1 under the SHA-256 of their address; TTL at the link's expiry. */
export class DynamoPersonalDataRequestStore implements PersonalDataRequestStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(request: PersonalDataRequest): Promise<void> {
    const item = {
      ...itemOf('personalDataRequest', request),
      ...indexKeyOf('personalDataRequest', 'gsi1', { addressHash: addressHash(request.address), id: request.id }),
      data: request,
      ttl: Math.ceil(Date.parse(request.expiresAt) / 1000),
    };
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async get(id: string, now: string): Promise<PersonalDataRequest | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('personalDataRequest', { id }), ConsistentRead: true }));
    const request = res.Item?.data as PersonalDataRequest | undefined;
    // TTL deletes late: an expired request is absent.
    return request && request.expiresAt > now ? request : undefined;
  }

  async deleteForAddress(address: string): Promise<number> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitionOf('personalDataRequest', 'gsi1', { addressHash: addressHash(address) }) },
    });
    await batchDelete(this.db, this.tableName, items.map((i) => ({ pk: i.pk as string, sk: i.sk as string })));
    return items.length;
  }
}
