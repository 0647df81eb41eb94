import type { AuditEntry } from '../domain/audit';
import type { Site } from '../domain/site';

/** Member organizations' sites, each organization's in one partition. */
export interface SiteStore {
  /** Writes a new site and its audit entries in one transaction. */
  create(site: Site, audit: AuditEntry[]): Promise<void>;
  /** Every site of an organization, in id (creation) order. */
  list(orgId: string): Promise<Site[]>;
  get(orgId: string, id: string): Promise<Site | undefined>;
  /** Removes a site and writes the audit entries; false if it did not exist. */
  delete(orgId: string, id: string, audit: AuditEntry[]): Promise<boolean>;
  /** Every site (of any organization) with a contact holding this email address or E.164 number. */
  findByAddress(address: string): Promise<Site[]>;
  /** Replaces the contacts of `expected` (as read), rewriting its address items; a StoreConflictError if the site changed or went meanwhile. */
  replaceContacts(expected: Site, contacts: Site['contacts'], audit: AuditEntry[]): Promise<void>;
}
