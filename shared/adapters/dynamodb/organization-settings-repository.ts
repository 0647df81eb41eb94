import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import { DEFAULT_ORGANIZATION_SETTINGS, type OrganizationSettings } from '../../domain/organization-settings';
import type { OrganizationSettingsStore } from '../../ports/traveler-store';
import { auditItem } from './audit-log';
import { batchGet } from './batch-items';
import { itemOf, keyOf } from './entities';

/** Settings stored before a field existed read as its default. */
function withDefaults(stored: Partial<OrganizationSettings> | undefined): OrganizationSettings {
  return { ...DEFAULT_ORGANIZATION_SETTINGS, ...stored, travelerAlerts: { ...DEFAULT_ORGANIZATION_SETTINGS.travelerAlerts, ...stored?.travelerAlerts } };
}

/** Organization settings in the single table, beside the organization's profile (`ORG#<id>` / `SETTINGS`). */
export class DynamoOrganizationSettingsStore implements OrganizationSettingsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getSettings(orgId: string): Promise<OrganizationSettings> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf('organizationSettings', { id: orgId }), ConsistentRead: true }));
    return withDefaults(res.Item?.data as Partial<OrganizationSettings> | undefined);
  }

  async getSettingsOf(orgIds: readonly string[]): Promise<Map<string, OrganizationSettings>> {
    const unique = [...new Set(orgIds)];
    const items = await batchGet(this.db, this.tableName, unique.map((id) => keyOf('organizationSettings', { id })));
    const stored = new Map(items.map((i) => [i.orgId as string, i.data as Partial<OrganizationSettings>]));
    return new Map(unique.map((id) => [id, withDefaults(stored.get(id))]));
  }

  async putSettings(orgId: string, settings: OrganizationSettings, audit: AuditEntry[]): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { ...itemOf('organizationSettings', { id: orgId }), orgId, data: settings } } },
          ...audit.map((entry) => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } })),
        ],
      }),
    );
  }
}
