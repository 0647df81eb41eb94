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
  // announcements
  /** That a published version was announced on the topic (pending → sent). */
  announcement: (id: string, version: number) => ({ pk: `ANNOUNCE#${id}#${String(version).padStart(6, '0')}`, sk: 'ANNOUNCE' }),
  // subscriptions
  subscription: (id: string) => ({ pk: `SUB#${id}`, sk: 'SUB' }),
  /** gsi1 partition of an organization's subscriptions (sort key `<createdAt>#<id>`). */
  orgSubscriptions: (orgId: string) => `ORGSUBS#${orgId}`,
  /** One index item per (channel, scope) of an ACTIVE subscription; matching Queries these. */
  subscriptionIndex: (channel: string, scope: string, id: string) => ({ pk: `SUBIDX#${channel}#${scope}`, sk: id }),
  subscriptionIndexPartition: (channel: string, scope: string) => `SUBIDX#${channel}#${scope}`,
  /** Address → subscription ids, keyed by the SHA-256 of the normalized address, never the address itself. */
  subscriptionAddress: (addressHash: string, id: string) => ({ pk: `SUBADDR#${addressHash}`, sk: `SUB#${id}` }),
  subscriptionAddressPartition: (addressHash: string) => `SUBADDR#${addressHash}`,
  /** SMS unsubscribe code → subscription id (the `/u/<code>` link). */
  subscriptionCode: (code: string) => ({ pk: `SUBCODE#${code}`, sk: 'SUBCODE' }),
  /** A fixed-window rate counter; the subject (an address, key id or IP) is hashed. */
  rateCounter: (bucket: string, subjectHash: string, windowStart: number) => ({ pk: `RATE#${bucket}#${subjectHash}`, sk: String(windowStart) }),
  // deliveries
  /** One delivery item per (publication, version, subscription); one partition per version. */
  delivery: (publicationId: string, version: number, subscriptionId: string) => ({
    pk: `DLV#${publicationId}#${String(version).padStart(6, '0')}`,
    sk: `S#${subscriptionId}`,
  }),
  deliveryPartition: (publicationId: string, version: number) => `DLV#${publicationId}#${String(version).padStart(6, '0')}`,
  deliveryPrefix: 'S#',
  /** Marks that a fan-out's continuation from one position was re-queued (`marker`: channel and a hash of the position). */
  deliveryContinuation: (publicationId: string, version: number, marker: string) => ({
    pk: `DLV#${publicationId}#${String(version).padStart(6, '0')}`,
    sk: `CONT#${marker}`,
  }),
  /** Delivery health of one subscription: counters and the latest outcome, updated as its deliveries settle. */
  subscriptionHealth: (subscriptionId: string) => ({ pk: `SUBHEALTH#${subscriptionId}`, sk: 'HEALTH' }),
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
