import type { ApiKeyRecord } from '../domain/api-key';
import type { AuditEntry } from '../domain/audit';
import type { Organization } from '../domain/organization';
import type { Person } from '../domain/person';

/** Organizations, people and API keys. */
export interface Directory {
  putOrganization(org: Organization): Promise<void>;
  getOrganization(id: string): Promise<Organization | undefined>;
  listOrganizations(): Promise<Organization[]>;
  putPerson(person: Person): Promise<void>;
  getPerson(id: string): Promise<Person | undefined>;
  /** Every person of an organization. */
  listPeople(orgId: string): Promise<Person[]>;
  findPersonByEmail(email: string): Promise<Person | undefined>;
  createApiKey(record: ApiKeyRecord, audit: AuditEntry[]): Promise<void>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  getApiKey(keyId: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(orgId: string): Promise<ApiKeyRecord[]>;
  revokeApiKey(keyId: string, at: string, audit: AuditEntry[]): Promise<void>;
}
