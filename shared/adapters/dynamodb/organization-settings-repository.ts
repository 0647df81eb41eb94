import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import { DEFAULT_ORGANIZATION_SETTINGS, type OrganizationSettings } from '../../domain/organization-settings';
import type { OrganizationSettingsStore } from '../../ports/traveler-store';
import { auditItem } from './audit-log';
import { batchGet } from './batch-items';
import { addressHash } from './address-hash';
import { itemOf, keyOf, partitionOf } from './entities';
import { wholePartition } from './query-pages';

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
    const before = new Set((await this.getSettings(orgId)).securityContacts);
    const after = new Set(settings.securityContacts);
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { ...itemOf('organizationSettings', { id: orgId }), orgId, data: settings } } },
          // A concurrent change may leave a stale address item: readers check the settings themselves, so it finds nothing.
          ...[...before].filter((a) => !after.has(a)).map((a) => ({ Delete: { TableName: this.tableName, Key: keyOf('securityContactAddress', { addressHash: addressHash(a), orgId }) } })),
          ...[...after].filter((a) => !before.has(a)).map((a) => ({ Put: { TableName: this.tableName, Item: { ...itemOf('securityContactAddress', { addressHash: addressHash(a), orgId }), orgId } } })),
          ...audit.map((entry) => ({ Put: { TableName: this.tableName, Item: auditItem(entry) } })),
        ],
      }),
    );
  }

  async findByContact(address: string): Promise<string[]> {
    const refs = await wholePartition(this.db, this.tableName, partitionOf('securityContactAddress', { addressHash: addressHash(address) }));
    const settings = await this.getSettingsOf(refs.map((r) => r.orgId as string));
    return [...settings].filter(([, s]) => s.securityContacts.includes(address)).map(([orgId]) => orgId);
  }
}
