import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import { canSeeVersion, versionAsSeenBy, type PublicationHead, type Version } from '../../domain/publication';
import type { Viewer } from '../../domain/sharing';
import { PreconditionFailedError, StoreConflictError, ValidationError } from '../../errors';
import type { Page } from '../../ports/page';
import type { AdvisoryPointer, AdvisoryPointerChange } from '../../domain/advisory-pointer';
import type { CorrelationScope } from '../../ports/correlation';
import type { ChangeCount, HeadChange, PublicationQuery, PublicationStore } from '../../ports/publication-store';
import { auditItem } from './audit-log';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { gsi1Page, queryAll } from './query-pages';
import { ENTITIES, indexKeyOf, indexPartitionOf, itemOf, keyOf, partitionOf, sortPrefixOf } from './entities';
import { audienceOf, scopes, type ListingAudience } from './listing-scopes';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** DynamoDB limits a transaction to 4 MB; stay well inside it. */
const MAX_TRANSACTION_BYTES = 3_500_000;

function headItem(head: PublicationHead): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...itemOf('publication', head),
    rev: head.rev,
    data: head,
    ...indexKeyOf('publication', 'gsi1', head),
  };
  const live = head.state === 'unpublished' || head.state === 'published';
  if (live && head.working?.stage === 'scheduled' && head.working.publishAt) {
    Object.assign(item, indexKeyOf('publication', 'gsi2', { publishAt: head.working.publishAt, id: head.id }));
  }
  const expiresAt = head.current?.content.expiresAt;
  if (head.state === 'published' && expiresAt) {
    Object.assign(item, indexKeyOf('publication', 'gsi3', { expiresAt, id: head.id }));
  }
  return item;
}

/** Every listing partition a version appears in. */
function listingScopes(version: Version): string[] {
  return [
    scopes.all,
    ...version.content.countries.map(scopes.country),
    ...version.regions.map(scopes.region),
    scopes.kind(version.content.kind),
  ];
}

function listingKeys(version: Version): { pk: string; sk: string }[] {
  const audience = audienceOf(version.content.sharing);
  return listingScopes(version).map((scope) => keyOf('listing', { audience, scope, publishedAt: version.publishedAt, id: version.id }));
}

function listingItems(version: Version): Record<string, unknown>[] {
  return listingKeys(version).map((key) => ({
    ...key,
    type: ENTITIES.listing.type,
    data: version,
    kind: version.content.kind,
    regions: version.regions,
    orgId: version.orgId,
    recipients: version.content.recipients ?? [],
  }));
}

/** A filtered listing reads at most this many items of a partition per page. */
const MAX_EXAMINED = 500;

const isPublic = (version: Version | undefined) => version?.content.sharing === 'TLP:CLEAR';

/**
 * Whether a change adds or withdraws a public (TLP:CLEAR) listing. Only
 * those move the change counter: public documents' caches and validators
 * (ETag, Last-Modified) follow it, and must not move when a GREEN or AMBER
 * item is published, amended or withdrawn (a side channel of its existence).
 */
function changesPublicListings(change: HeadChange): boolean {
  return isPublic(change.released?.version) || isPublic(change.released?.replaced) || isPublic(change.ended) || isPublic(change.restored) || isPublic(change.supersede?.ended);
}

/**
 * Reads and writes publications in the single table. A version item is
 * stamped with the correlation id of the work that writes it, which the
 * announcer hands on down the delivery pipeline.
 */
export class DynamoPublicationStore implements PublicationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly correlation?: Pick<CorrelationScope, 'current'>,
  ) {}

  private correlationAttribute(): { correlationId?: string } {
    const id = this.correlation?.current();
    return id ? { correlationId: id } : {};
  }

  async create(head: PublicationHead, audit: AuditEntry[]): Promise<void> {
    await this.transact(
      [
        { Put: { TableName: this.tableName, Item: headItem(head), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...audit.map((entry) => this.auditPut(entry)),
      ],
      () => new StoreConflictError(`A publication with id ${head.id} already exists.`),
    );
  }

  async get(id: string): Promise<PublicationHead | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('publication', { id }), ConsistentRead: true }));
    return res.Item?.data as PublicationHead | undefined;
  }

  async save(change: HeadChange): Promise<void> {
    const { head, expectedRev } = change;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: headItem(head),
          ConditionExpression: 'rev = :rev',
          ExpressionAttributeValues: { ':rev': expectedRev },
        },
      },
    ];
    if (change.released) {
      const { version, replaced } = change.released;
      items.push({
        Put: { TableName: this.tableName, Item: { ...itemOf('version', version), data: version, ...this.correlationAttribute() }, ConditionExpression: 'attribute_not_exists(pk)' },
      });
      if (replaced) items.push(...this.listingDeletes(replaced));
      items.push(...listingItems(version).map((Item) => ({ Put: { TableName: this.tableName, Item } })));
    }
    if (change.ended) {
      items.push(...this.listingDeletes(change.ended));
    }
    if (change.restored) items.push(...listingItems(change.restored).map((Item) => ({ Put: { TableName: this.tableName, Item } })));
    if (change.supersede) {
      const { head: old, expectedRev: oldRev, ended } = change.supersede;
      items.push({
        Put: { TableName: this.tableName, Item: headItem(old), ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': oldRev } },
      });
      items.push(...this.listingDeletes(ended));
    }
    if (change.advisory) items.push(this.advisoryWrite(change.advisory));
    if (changesPublicListings(change)) items.push(this.bumpChangeCounter(head.updatedAt));
    items.push(...change.audit.map((entry) => this.auditPut(entry)));
    this.assertFits(items);
    await this.transact(items, (index) =>
      index === 0 ? new PreconditionFailedError() : new StoreConflictError('Another change to a related item happened at the same time; try again.'),
    );
  }

  async getVisible(id: string, viewer: Viewer): Promise<{ head: PublicationHead; version: Version } | undefined> {
    const head = await this.get(id);
    const version = head?.current;
    if (!head || !version || !canSeeVersion(viewer, version)) return undefined;
    return { head, version: versionAsSeenBy(viewer, version) };
  }

  async listVersions(id: string, viewer: Viewer): Promise<Version[] | undefined> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': partitionOf('version', { id }), ':v': sortPrefixOf('version') },
      ConsistentRead: true,
    });
    const versions = items.map((item) => item.data as Version);
    // Each version keeps its own sharing level: a version shared more narrowly stays hidden.
    const visible = versions.filter((v) => canSeeVersion(viewer, v)).map((v) => versionAsSeenBy(viewer, v));
    return visible.length ? visible : undefined;
  }

  async listVisible(viewer: Viewer, query: PublicationQuery): Promise<Page<Version>> {
    const scope = query.country ? scopes.country(query.country) : query.region ? scopes.region(query.region) : query.kind ? scopes.kind(query.kind) : scopes.all;
    const fingerprint = queryFingerprint(query.keep ? [scope, query.kind, query.region, query.since, query.keep.key] : [scope, query.kind, query.region, query.since]);
    const before = query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined;
    const audiences: ListingAudience[] = viewer.kind === 'anonymous' ? ['CLEAR'] : ['CLEAR', 'GREEN', 'AMBER'];

    const filters: string[] = [];
    const values: Record<string, unknown> = {};
    const names: Record<string, string> = {};
    if (query.kind && scope !== scopes.kind(query.kind)) {
      filters.push('#kind = :kind');
      names['#kind'] = 'kind';
      values[':kind'] = query.kind;
    }
    if (query.region && query.country) {
      filters.push('contains(regions, :region)');
      values[':region'] = query.region;
    }

    const perAudience = await Promise.all(
      audiences.map((audience) => {
        const audienceFilters = [...filters];
        const audienceValues = { ...values };
        if (audience === 'AMBER' && viewer.kind === 'person') {
          audienceFilters.push('(orgId = :org OR contains(recipients, :org))');
          audienceValues[':org'] = viewer.orgId;
        }
        return this.queryListing(partitionOf('listing', { audience, scope }), query.limit, before, query.since, audienceFilters, audienceValues, names, query.keep?.accepts);
      }),
    );
    // A filtered read stops after MAX_EXAMINED items: below the highest such stop not every audience was read, so the page ends there.
    const floor = perAudience.reduce<string | undefined>((max, r) => (r.floor !== undefined && (max === undefined || r.floor > max) ? r.floor : max), undefined);
    const merged = perAudience
      .flatMap((r) => r.items)
      .filter((i) => floor === undefined || i.sk >= floor)
      .sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0));
    const page = merged.slice(0, query.limit);
    const more = merged.length > query.limit || perAudience.some((r) => r.more);
    const last = page.length === query.limit || floor === undefined ? page.at(-1) : { sk: floor };
    // Defence in depth: the partitions already encode the audience.
    const items = page
      .map((p) => p.version)
      .filter((v) => canSeeVersion(viewer, v))
      .map((v) => versionAsSeenBy(viewer, v));
    return { items, cursor: more && last ? encodeCursor(last.sk, fingerprint) : null };
  }

  private async queryListing(
    pk: string,
    limit: number,
    before: string | undefined,
    since: string | undefined,
    filters: string[],
    values: Record<string, unknown>,
    names: Record<string, string>,
    accepts?: (version: Version) => boolean,
  ): Promise<{ items: { sk: string; version: Version }[]; more: boolean; floor?: string }> {
    let condition = 'pk = :pk';
    const exprValues: Record<string, unknown> = { ...values, ':pk': pk };
    if (before && since) {
      condition += ' AND sk BETWEEN :lo AND :hi';
      exprValues[':lo'] = `${since}$`;
      exprValues[':hi'] = before;
    } else if (before) {
      condition += ' AND sk < :hi';
      exprValues[':hi'] = before;
    } else if (since) {
      condition += ' AND sk > :lo';
      exprValues[':lo'] = `${since}$`;
    }
    const items: { sk: string; version: Version }[] = [];
    let start: Record<string, unknown> | undefined;
    let examined = 0;
    let lastSeen: string | undefined;
    do {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        KeyConditionExpression: condition,
        ExpressionAttributeValues: exprValues,
        ScanIndexForward: false,
        Limit: accepts ? Math.max(limit + 1, 100) : limit + 1,
        ExclusiveStartKey: start,
      };
      if (filters.length) input.FilterExpression = filters.join(' AND ');
      if (Object.keys(names).length) input.ExpressionAttributeNames = names;
      const res = await this.db.send(new QueryCommand(input));
      for (const item of res.Items ?? []) {
        if (item.sk === before) continue;
        examined += 1;
        lastSeen = item.sk as string;
        if (!accepts || accepts(item.data as Version)) items.push({ sk: item.sk as string, version: item.data as Version });
      }
      start = res.LastEvaluatedKey;
    } while (start && items.length <= limit && examined < MAX_EXAMINED);
    const stopped = start !== undefined && items.length <= limit && examined >= MAX_EXAMINED;
    return { items, more: items.length > limit || start !== undefined, ...(stopped && lastSeen ? { floor: lastSeen } : {}) };
  }

  async listWorkbench(orgId: string, limit: number, cursor?: string): Promise<Page<PublicationHead>> {
    const page = await gsi1Page(this.db, this.tableName, indexPartitionOf('publication', 'gsi1', { orgId }), ['workbench', orgId], limit, cursor);
    return { items: page.items.map((i) => i.data as PublicationHead), cursor: page.cursor };
  }

  async currentAdvisories(): Promise<AdvisoryPointer[]> {
    const items = await queryAll(this.db, { TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partitionOf('advisory', {}) } });
    return items.map((item) => item.data as AdvisoryPointer);
  }

  async currentAdvisory(country: string): Promise<AdvisoryPointer | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('advisory', { country }), ConsistentRead: true }));
    return res.Item?.data as AdvisoryPointer | undefined;
  }

  async due(kind: 'publish' | 'expire', now: string, limit: number): Promise<string[]> {
    const [index, pk, sk] = kind === 'publish' ? ['gsi2', 'gsi2pk', 'gsi2sk'] : ['gsi3', 'gsi3pk', 'gsi3sk'];
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${pk} = :pk AND ${sk} <= :now`,
        ExpressionAttributeValues: { ':pk': kind === 'publish' ? indexPartitionOf('publication', 'gsi2', {}) : indexPartitionOf('publication', 'gsi3', {}), ':now': `${now}~` },
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((i) => (i.data as PublicationHead).id);
  }

  async publicChangeCount(): Promise<ChangeCount> {
    // Strongly consistent: a cache that just saw the counter must not read an older value next time.
    const res = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf('changeCounter', {}), ConsistentRead: true, ProjectionExpression: 'changes, changedAt' }),
    );
    return {
      count: typeof res.Item?.changes === 'number' ? res.Item.changes : 0,
      changedAt: typeof res.Item?.changedAt === 'string' ? res.Item.changedAt : undefined,
    };
  }

  private listingDeletes(version: Version): TransactItem[] {
    return listingKeys(version).map((Key) => ({ Delete: { TableName: this.tableName, Key } }));
  }

  private advisoryWrite(change: AdvisoryPointerChange): TransactItem {
    if (change.type === 'clear') {
      return {
        Delete: {
          TableName: this.tableName,
          Key: keyOf('advisory', change),
          ConditionExpression: 'attribute_not_exists(pk) OR publicationId = :self',
          ExpressionAttributeValues: { ':self': change.publicationId },
        },
      };
    }
    const { pointer, replaces } = change;
    const allowed: Record<string, unknown> = { ':self': pointer.publicationId };
    if (replaces) allowed[':old'] = replaces;
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...itemOf('advisory', pointer), data: pointer, publicationId: pointer.publicationId },
        // Two advisories for one country racing: only the one that knew the current pointer wins.
        ConditionExpression: replaces ? 'attribute_not_exists(pk) OR publicationId IN (:self, :old)' : 'attribute_not_exists(pk) OR publicationId = :self',
        ExpressionAttributeValues: allowed,
      },
    };
  }

  /** Public documents' caches compare `changes`; `changedAt`, the latest public change's time, is their Last-Modified. */
  private bumpChangeCounter(at: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keyOf('changeCounter', {}),
        UpdateExpression: 'ADD changes :one SET changedAt = :at',
        ExpressionAttributeValues: { ':one': 1, ':at': at },
      },
    };
  }

  private auditPut(entry: AuditEntry): TransactItem {
    return { Put: { TableName: this.tableName, Item: auditItem(entry) } };
  }

  private assertFits(items: TransactItem[]): void {
    const bytes = Buffer.byteLength(JSON.stringify(items));
    if (items.length > 100 || bytes > MAX_TRANSACTION_BYTES) {
      throw new ValidationError([
        { path: 'body', message: 'is too large to publish to this many countries at once; shorten it or name fewer countries' },
      ]);
    }
  }

  /** Runs a transaction; maps a failed condition on item `index` to the caller's error. */
  private async transact(items: TransactItem[], onConditionFailed: (index: number) => Error): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        // A concurrent transaction on the same item is a lost race just like a failed condition.
        const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
        if (failed >= 0) throw onConditionFailed(failed);
      }
      throw error;
    }
  }
}
