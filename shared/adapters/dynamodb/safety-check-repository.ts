import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import { ERASED_TRAVELER_NAME, SAFETY_CHECK_RETENTION_DAYS, type AnswerChannel, type SafetyAnswer, type SafetyCheck, type SafetyResponse } from '../../domain/safety-check';
import type { TravelerChannel } from '../../domain/traveler';
import { StoreConflictError } from '../../errors';
import type { Page } from '../../ports/page';
import type { SafetyCheckStore } from '../../ports/safety-check-store';
import { auditItem } from './audit-log';
import { batchDelete, batchGet, batchPut, transact, type TransactItem } from './batch-items';
import { indexKeyOf, indexPartitionOf, itemOf, keyOf, partitionOf, sortPrefixOf } from './entities';
import { gsi1Page, queryAll } from './query-pages';

const RESPONSE_FIELDS = ['checkId', 'travelerId', 'name', 'token', 'status', 'respondedAt', 'channel', 'sentOn', 'reminders'] as const;

function ttlOf(check: Pick<SafetyCheck, 'createdAt'>): number {
  return Math.floor(Date.parse(check.createdAt) / 1000) + SAFETY_CHECK_RETENTION_DAYS * 86_400;
}

function toResponse(item: Record<string, unknown>): SafetyResponse {
  const response: Record<string, unknown> = {};
  for (const field of RESPONSE_FIELDS) if (item[field] !== undefined && item[field] !== null) response[field] = item[field];
  return response as unknown as SafetyResponse;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * Safety checks in the single table: the check item and one response item
 * per traveler share the partition `SCHECK#<id>` (one Query reads a check's
 * answers), each response's token has an item of its own (`/r/<token>`),
 * and the check sits in gsi2 `DUE#REMIND` while a reminder round is due.
 * Response fields are top-level attributes, so claims and answers are
 * single conditional updates.
 */
export class DynamoSafetyCheckStore implements SafetyCheckStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(check: SafetyCheck, responses: readonly SafetyResponse[], audit: AuditEntry[]): Promise<void> {
    const ttl = ttlOf(check);
    const items = responses.flatMap((r) => [
      { ...itemOf('safetyResponse', r), ...indexKeyOf('safetyResponse', 'gsi1', { travelerId: r.travelerId, createdAt: check.createdAt, checkId: check.id }), ...r, createdAt: check.createdAt, ttl },
      { ...itemOf('safetyToken', { token: r.token }), checkId: check.id, travelerId: r.travelerId, ttl },
    ]);
    await batchPut(this.db, this.tableName, items);
    // The check item last: a check that exists has all its responses.
    await transact(this.db, [{ Put: { TableName: this.tableName, Item: this.checkItem(check), ConditionExpression: 'attribute_not_exists(pk)' } }, ...this.auditPuts(audit)], () => new StoreConflictError(`A safety check with id ${check.id} already exists.`));
  }

  async get(id: string): Promise<SafetyCheck | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('safetyCheck', { id }), ConsistentRead: true }));
    return res.Item?.data as SafetyCheck | undefined;
  }

  async responses(checkId: string): Promise<SafetyResponse[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)',
      ExpressionAttributeValues: { ':pk': partitionOf('safetyResponse', { checkId }), ':t': sortPrefixOf('safetyResponse') },
      ConsistentRead: true,
    });
    return items.map(toResponse).sort((a, b) => a.name.localeCompare(b.name) || a.travelerId.localeCompare(b.travelerId));
  }

  async listByOrganization(orgId: string, limit: number, cursor?: string): Promise<Page<SafetyCheck>> {
    const page = await gsi1Page(this.db, this.tableName, indexPartitionOf('safetyCheck', 'gsi1', { orgId }), ['safety-checks', orgId], limit, cursor);
    return { items: page.items.map((i) => i.data as SafetyCheck), cursor: page.cursor };
  }

  async byToken(token: string): Promise<SafetyResponse | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('safetyToken', { token }), ConsistentRead: true }));
    if (!res.Item) return undefined;
    const response = await this.response(res.Item.checkId as string, res.Item.travelerId as string);
    return response?.token === token ? response : undefined;
  }

  async latestFor(travelerId: string, since: string): Promise<SafetyResponse | undefined> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
        ExpressionAttributeValues: { ':pk': indexPartitionOf('safetyResponse', 'gsi1', { travelerId }), ':since': since },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = res.Items?.[0];
    // The index copy may lag an answer: read the response itself.
    return item ? this.response(item.checkId as string, travelerId) : undefined;
  }

  claimFirstMessage(checkId: string, travelerId: string, channels: TravelerChannel[]): Promise<boolean> {
    return this.conditionalUpdate(checkId, travelerId, 'SET sentOn = :channels', 'attribute_exists(pk) AND attribute_not_exists(sentOn)', { ':channels': channels });
  }

  claimReminder(checkId: string, travelerId: string, round: number): Promise<boolean> {
    return this.conditionalUpdate(checkId, travelerId, 'SET reminders = :round', 'attribute_exists(sentOn) AND #status = :waiting AND reminders = :previous', {
      ':round': round,
      ':previous': round - 1,
      ':waiting': 'no-response',
    });
  }

  async answer(checkId: string, travelerId: string, answer: SafetyAnswer, channel: AnswerChannel, at: string, audit: AuditEntry[]): Promise<{ changed: boolean; response: SafetyResponse } | undefined> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = await this.response(checkId, travelerId);
      if (!current) return undefined;
      if (current.status === answer) return { changed: false, response: current };
      const next: SafetyResponse = { ...current, status: answer, respondedAt: at, channel };
      const update: TransactItem = {
        Update: {
          TableName: this.tableName,
          Key: keyOf('safetyResponse', { checkId, travelerId }),
          UpdateExpression: 'SET #status = :answer, respondedAt = :at, #channel = :channel',
          ConditionExpression: '#status = :read',
          ExpressionAttributeNames: { '#status': 'status', '#channel': 'channel' },
          ExpressionAttributeValues: { ':answer': answer, ':at': at, ':channel': channel, ':read': current.status },
        },
      };
      try {
        await transact(this.db, [update, ...this.auditPuts(audit)], () => new StoreConflictError('answered at the same time'));
        return { changed: true, response: next };
      } catch (error) {
        if (!(error instanceof StoreConflictError)) throw error;
        // Two answers at once (a tap and an SMS): read again and apply this one to what the other left.
      }
    }
    throw new StoreConflictError('The answer changed at the same time; try again.');
  }

  async dueReminders(now: string, limit: number): Promise<SafetyCheck[]> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
        ExpressionAttributeValues: { ':pk': indexPartitionOf('safetyCheck', 'gsi2', {}), ':now': `${now}#~` },
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((i) => i.data as SafetyCheck);
  }

  async advanceReminders(expected: SafetyCheck, next: Pick<SafetyCheck, 'remindersSent' | 'remindAt'>): Promise<boolean> {
    const updated: SafetyCheck = { ...expected, remindersSent: next.remindersSent };
    if (next.remindAt) updated.remindAt = next.remindAt;
    else delete updated.remindAt;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf('safetyCheck', { id: expected.id }),
          UpdateExpression: next.remindAt ? 'SET #data = :data, remindersSent = :sent, gsi2sk = :due' : 'SET #data = :data, remindersSent = :sent REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'remindersSent = :expected',
          ExpressionAttributeNames: { '#data': 'data' },
          ExpressionAttributeValues: {
            ':data': updated,
            ':sent': next.remindersSent,
            ':expected': expected.remindersSent,
            ...(next.remindAt ? { ':due': indexKeyOf('safetyCheck', 'gsi2', { remindAt: next.remindAt, id: expected.id }).gsi2sk } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async forgetTraveler(travelerId: string): Promise<void> {
    const refs = await this.responseRefs(travelerId);
    await batchDelete(
      this.db,
      this.tableName,
      refs.flatMap((r) => [keyOf('safetyResponse', { checkId: r.checkId as string, travelerId }), keyOf('safetyToken', { token: r.token as string })]),
    );
  }

  async responsesOf(travelerId: string): Promise<(SafetyResponse & { askedAt: string })[]> {
    const refs = await this.responseRefs(travelerId);
    const items = await batchGet(this.db, this.tableName, refs.map((r) => keyOf('safetyResponse', { checkId: r.checkId as string, travelerId })), true);
    return items.map((i) => ({ ...toResponse(i), askedAt: i.createdAt as string })).sort((a, b) => b.askedAt.localeCompare(a.askedAt));
  }

  async anonymiseTraveler(travelerId: string): Promise<number> {
    const refs = await this.responseRefs(travelerId);
    let changed = 0;
    for (const ref of refs) {
      // The status, times and channels stay (the check's counts do not move); the name, token and traveler index go.
      const done = await this.conditionalUpdate(ref.checkId as string, travelerId, 'SET #name = :erased REMOVE #token, gsi1pk, gsi1sk', 'attribute_exists(pk)', { ':erased': ERASED_TRAVELER_NAME }, { '#name': 'name', '#token': 'token' });
      if (done) changed += 1;
    }
    await batchDelete(this.db, this.tableName, refs.filter((r) => typeof r.token === 'string').map((r) => keyOf('safetyToken', { token: r.token as string })));
    return changed;
  }

  /** A traveler's response items as the traveler index holds them (check id, token). */
  private responseRefs(travelerId: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitionOf('safetyResponse', 'gsi1', { travelerId }) },
    });
  }

  private async response(checkId: string, travelerId: string): Promise<SafetyResponse | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('safetyResponse', { checkId, travelerId }), ConsistentRead: true }));
    return res.Item ? toResponse(res.Item) : undefined;
  }

  private async conditionalUpdate(checkId: string, travelerId: string, update: string, condition: string, values: Record<string, unknown>, names: Record<string, string> = {}): Promise<boolean> {
    const attributeNames = { ...(condition.includes('#status') ? { '#status': 'status' } : {}), ...names };
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf('safetyResponse', { checkId, travelerId }),
          UpdateExpression: update,
          ConditionExpression: condition,
          ...(Object.keys(attributeNames).length > 0 ? { ExpressionAttributeNames: attributeNames } : {}),
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private checkItem(check: SafetyCheck): Record<string, unknown> {
    return {
      ...itemOf('safetyCheck', check),
      data: check,
      remindersSent: check.remindersSent,
      ...indexKeyOf('safetyCheck', 'gsi1', check),
      ...(check.remindAt ? indexKeyOf('safetyCheck', 'gsi2', { remindAt: check.remindAt, id: check.id }) : {}),
      ttl: ttlOf(check),
    };
  }

  private auditPuts(audit: AuditEntry[]): TransactItem[] {
    return audit.map((entry) => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } }));
  }
}
