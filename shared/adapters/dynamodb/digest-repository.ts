import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DigestPart } from '../../domain/digest';
import type { Version } from '../../domain/publication';
import type { Subscription } from '../../domain/subscription';
import type { DigestEntry, DigestPage, DigestStore } from '../../ports/digest-store';
import { keyOf, partitionOf } from './entities';
import { scopes, type ListingAudience } from './listing-scopes';
import { partitionPage, partitionRange, queryAll } from './query-pages';

function entryOf(item: Record<string, unknown>): DigestEntry {
  return { subscription: item.data as Subscription, since: item.since as string, ...(typeof item.zoneCutoff === 'string' ? { zoneCutoff: item.zoneCutoff } : {}) };
}

/** The digest index and its zone list, with each zone's last run, in the single table (entities `digestIndex`, `digestZone`). */
export class DynamoDigestStore implements DigestStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async zones(): Promise<{ frequency: DigestPart['frequency']; timeZone: string }[]> {
    const items = await queryAll(this.db, { TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partitionOf('digestZone', {}) } });
    return items.map((i) => ({ frequency: i.frequency as DigestPart['frequency'], timeZone: i.timeZone as string }));
  }

  async startRun(zone: { frequency: DigestPart['frequency']; timeZone: string }, slot: string, firstFrom: string): Promise<{ from: string } | undefined> {
    const Key = keyOf('digestZone', zone);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const item = (await this.db.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }))).Item;
      const last = item?.lastCutoff as string | undefined;
      if (last === slot) return { from: item?.lastFrom as string };
      if (last !== undefined && last > slot) return undefined;
      const from = last ?? firstFrom;
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: 'SET lastCutoff = :slot, lastFrom = :from',
            ConditionExpression: last === undefined ? 'attribute_not_exists(lastCutoff)' : 'lastCutoff = :last',
            ExpressionAttributeValues: { ':slot': slot, ':from': from, ...(last === undefined ? {} : { ':last': last }) },
          }),
        );
        return { from };
      } catch (error) {
        // Another run moved the zone meanwhile: read what it wrote.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new Error('A digest zone kept changing while its run started');
  }

  async page(part: DigestPart, limit: number, after?: string): Promise<DigestPage> {
    const page = await partitionPage(this.db, this.tableName, partitionOf('digestIndex', part), limit, after);
    return { items: page.items.map(entryOf), last: page.last };
  }

  async range(part: DigestPart, after: string | undefined, through: string | null): Promise<DigestEntry[]> {
    return (await partitionRange(this.db, this.tableName, partitionOf('digestIndex', part), after, through)).map(entryOf);
  }

  async listedBetween(from: string, to: string): Promise<Version[]> {
    const audiences: ListingAudience[] = ['CLEAR', 'GREEN', 'AMBER'];
    const lists = await Promise.all(
      audiences.map((audience) =>
        queryAll(this.db, {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          // Sort keys are `<publishedAt>#<id>`: this takes `from` itself and stops before `to`.
          ExpressionAttributeValues: { ':pk': partitionOf('listing', { audience, scope: scopes.all }), ':from': `${from}#`, ':to': `${to}#` },
        }),
      ),
    );
    return lists.flat().map((item) => item.data as Version);
  }
}
