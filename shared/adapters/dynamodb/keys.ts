import type { Sharing } from '../../domain/sharing';

/**
 * Key templates of every entity in the single table, in one place.
 * docs/data-model.md lists them with the access patterns they serve.
 */
export const keys = {
  publication: (id: string) => ({ pk: `PUB#${id}`, sk: 'HEAD' }),
  version: (id: string, version: number) => ({ pk: `PUB#${id}`, sk: `V#${String(version).padStart(6, '0')}` }),
  versionPrefix: 'V#',
  /** A published version copied into one listing partition per scope and audience. */
  listing: (audience: ListingAudience, scope: string, publishedAt: string, id: string) => ({
    pk: `L#${audience}#${scope}`,
    sk: `${publishedAt}#${id}`,
  }),
  listingPartition: (audience: ListingAudience, scope: string) => `L#${audience}#${scope}`,
  /** The pointer from a country to its one current travel advisory. */
  advisory: (cc: string) => ({ pk: 'ADVISORY', sk: cc }),
  advisoryPartition: 'ADVISORY',
  workbench: (orgId: string) => `ORGPUB#${orgId}`,
  duePublish: 'DUE#PUBLISH',
  dueExpire: 'DUE#EXPIRE',
  organization: (id: string) => ({ pk: `ORG#${id}`, sk: 'PROFILE' }),
  organizationsPartition: 'ORGS',
  person: (id: string) => ({ pk: `PERSON#${id}`, sk: 'PROFILE' }),
  personEmail: (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'PERSON' }),
  orgPeople: (orgId: string) => `ORGPEOPLE#${orgId}`,
  apiKey: (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'KEY' }),
  apiKeyRef: (keyId: string) => ({ pk: `APIKEYID#${keyId}`, sk: 'REF' }),
  orgKeys: (orgId: string) => `ORGKEYS#${orgId}`,
  audit: (month: string, id: string) => ({ pk: `AUDIT#${month}`, sk: id }),
  auditPartition: (month: string) => `AUDIT#${month}`,
  idempotency: (hash: string) => ({ pk: `IDEM#${hash}`, sk: 'IDEM' }),
  changeCounter: { pk: 'META', sk: 'CHANGES' },
} as const;

/** CLEAR and GREEN partitions hold everyone's items of that level; AMBER items are filtered by organization. */
export type ListingAudience = 'CLEAR' | 'GREEN' | 'AMBER';

export function audienceOf(sharing: Sharing): ListingAudience {
  return sharing === 'TLP:CLEAR' ? 'CLEAR' : sharing === 'TLP:GREEN' ? 'GREEN' : 'AMBER';
}

/** Listing scopes: everything, a country, a region, a kind. */
export const scopes = {
  all: 'all',
  country: (cc: string) => `c:${cc}`,
  region: (region: string) => `r:${region}`,
  kind: (kind: string) => `k:${kind}`,
};
