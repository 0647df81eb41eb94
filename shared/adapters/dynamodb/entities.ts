import { fill, literalPrefix, type ParamsOf } from './key-template';
import type { IndexName } from './table-definition';

/**
 * Every entity of the single table, as data: its item `type` and the key
 * templates of its primary key and of the indexes it appears in. The
 * repositories build every key from these declarations (`keyOf`,
 * `partitionOf`, `indexKeyOf` …) and docs/data-model.md's entity table is
 * rendered from them with what each entity is for (entity-notes.ts), so
 * code and document cannot drift.
 */

export interface KeyTemplate {
  readonly pk: string;
  readonly sk: string;
}

export interface EntitySpec {
  /** The item's `type` attribute. */
  readonly type: string;
  readonly key: KeyTemplate;
  readonly indexes?: Partial<Readonly<Record<IndexName, KeyTemplate>>>;
}

export const ENTITIES = {
  publication: {
    type: 'publication',
    key: { pk: 'PUB#{id}', sk: 'HEAD' },
    indexes: {
      gsi1: { pk: 'ORGPUB#{orgId}', sk: '{updatedAt}#{id}' },
      gsi2: { pk: 'DUE#PUBLISH', sk: '{publishAt}#{id}' },
      gsi3: { pk: 'DUE#EXPIRE', sk: '{expiresAt}#{id}' },
    },
  },
  version: {
    type: 'version',
    key: { pk: 'PUB#{id}', sk: 'V#{version:6}' },
  },
  listing: {
    type: 'listing',
    key: { pk: 'L#{audience}#{scope}', sk: '{publishedAt}#{id}' },
  },
  advisory: {
    type: 'advisory',
    key: { pk: 'ADVISORY', sk: '{country}' },
  },
  changeCounter: {
    type: 'change-counter',
    key: { pk: 'META', sk: 'CHANGES' },
  },
  searchHead: {
    type: 'search-head',
    key: { pk: 'SEARCH', sk: 'HEAD' },
  },
  searchSnapshotChunk: {
    type: 'search-chunk',
    key: { pk: 'SEARCHSNAP#{snapshotId}', sk: '{chunk:6}' },
  },
  searchLog: {
    type: 'search-log',
    key: { pk: 'SEARCHLOG', sk: '{position}' },
  },
  organization: {
    type: 'organization',
    key: { pk: 'ORG#{id}', sk: 'PROFILE' },
    indexes: { gsi1: { pk: 'ORGS', sk: '{name}' } },
  },
  person: {
    type: 'person',
    key: { pk: 'PERSON#{id}', sk: 'PROFILE' },
    indexes: { gsi1: { pk: 'ORGPEOPLE#{orgId}', sk: '{id}' } },
  },
  personEmail: {
    type: 'person-email',
    key: { pk: 'EMAIL#{email:lower}', sk: 'PERSON' },
  },
  apiKey: {
    type: 'api-key',
    key: { pk: 'APIKEY#{hash}', sk: 'KEY' },
    indexes: { gsi1: { pk: 'ORGKEYS#{orgId}', sk: '{createdAt}#{keyId}' } },
  },
  apiKeyRef: {
    type: 'api-key-ref',
    key: { pk: 'APIKEYID#{keyId}', sk: 'REF' },
  },
  audit: {
    type: 'audit',
    key: { pk: 'AUDIT#{month}', sk: '{id}' },
    indexes: { gsi1: { pk: 'AUDITORG#{orgId}', sk: '{id}' } },
  },
  idempotency: {
    type: 'idempotency',
    key: { pk: 'IDEM#{hash}', sk: 'IDEM' },
  },
  announcement: {
    type: 'announcement',
    key: { pk: 'ANNOUNCE#{publicationId}#{version:6}', sk: 'ANNOUNCE' },
  },
  subscription: {
    type: 'subscription',
    key: { pk: 'SUB#{id}', sk: 'SUB' },
    indexes: { gsi1: { pk: 'ORGSUBS#{orgId}', sk: '{createdAt}#{id}' } },
  },
  subscriptionAddress: {
    type: 'subscription-address',
    key: { pk: 'SUBADDR#{addressHash}', sk: 'SUB#{id}' },
  },
  subscriptionAddressMark: {
    type: 'subscription-address-mark',
    key: { pk: 'SUBADDRMARK#{addressHash}', sk: 'MARK' },
  },
  subscriptionCode: {
    type: 'subscription-code',
    key: { pk: 'SUBCODE#{code}', sk: 'SUBCODE' },
  },
  subscriptionIndex: {
    type: 'subscription-index',
    key: { pk: 'SUBIDX#{channel}#{scope}#{shard}', sk: '{id}' },
  },
  digestIndex: {
    type: 'digest-index',
    key: { pk: 'DIGEST#{frequency}#{timeZone}#{shard}', sk: '{id}' },
  },
  digestZone: {
    type: 'digest-zone',
    key: { pk: 'DIGESTZONES', sk: '{frequency}#{timeZone}' },
  },
  heldMessage: {
    type: 'held-message',
    key: { pk: 'HELD#{subscriptionId}', sk: '{item}' },
    indexes: { gsi2: { pk: 'DUE#HELD#{channel}#{shard}', sk: '{releaseAt}#{subscriptionId}#{item}' } },
  },
  subscriptionShards: {
    type: 'subscription-shards',
    key: { pk: 'SUBSHARDS#{channel}#{scope}', sk: 'SHARDS' },
  },
  rateCounter: {
    type: 'rate-counter',
    key: { pk: 'RATE#{bucket}#{subjectHash}', sk: '{windowStart}' },
  },
  fanOutProgress: {
    type: 'fan-out-progress',
    key: { pk: 'FANOUT#{publicationId}#{version:6}', sk: 'P#{channel}' },
  },
  fanOutChunk: {
    type: 'fan-out-chunk',
    key: { pk: 'FANOUT#{publicationId}#{version:6}#{channel}#{shard}', sk: 'C#{scope}#{start}' },
  },
  subscriptionHealth: {
    type: 'subscription-health',
    key: { pk: 'SUBHEALTH#{subscriptionId}', sk: 'HEALTH' },
  },
  organizationSettings: {
    type: 'organization-settings',
    key: { pk: 'ORG#{id}', sk: 'SETTINGS' },
  },
  traveler: {
    type: 'traveler',
    key: { pk: 'TRAVELER#{id}', sk: 'TRAVELER' },
    indexes: { gsi1: { pk: 'ORGTRAVELERS#{orgId}', sk: '{createdAt}#{id}' } },
  },
  travelerAddress: {
    type: 'traveler-address',
    key: { pk: 'TRAVADDR#{addressHash}', sk: 'TRAVELER#{id}' },
  },
  travelerStopCode: {
    type: 'traveler-stop-code',
    key: { pk: 'TRAVCODE#{code}', sk: 'TRAVCODE' },
  },
  trip: {
    type: 'trip',
    key: { pk: 'TRIP#{id}', sk: 'TRIP' },
    indexes: { gsi1: { pk: 'ORGTRIPS#{orgId}', sk: '{endsOn}#{id}' }, gsi2: { pk: 'TRAVTRIPS#{travelerId}', sk: '{endsOn}#{id}' } },
  },
  tripIndex: {
    type: 'trip-index',
    key: { pk: 'TRIPIDX#{country}#{shard}', sk: '{travelerId}#{tripId}' },
    indexes: { gsi1: { pk: 'ORGTRIPIDX#{orgId}#{country}', sk: '{lastDay}#{tripId}' } },
  },
  tripShards: {
    type: 'trip-shards',
    key: { pk: 'TRIPSHARDS#{country}', sk: 'SHARDS' },
  },
  travelerTrip: {
    type: 'traveler-trip',
    key: { pk: 'TRAVTRIP#{travelerId}', sk: 'TRIP#{tripId}' },
  },
  safetyCheck: {
    type: 'safety-check',
    key: { pk: 'SCHECK#{id}', sk: 'CHECK' },
    indexes: { gsi1: { pk: 'ORGCHECKS#{orgId}', sk: '{createdAt}#{id}' }, gsi2: { pk: 'DUE#REMIND', sk: '{remindAt}#{id}' } },
  },
  safetyResponse: {
    type: 'safety-response',
    key: { pk: 'SCHECK#{checkId}', sk: 'T#{travelerId}' },
    indexes: { gsi1: { pk: 'TRAVCHECKS#{travelerId}', sk: '{createdAt}#{checkId}' } },
  },
  safetyToken: {
    type: 'safety-token',
    key: { pk: 'SCTOKEN#{token}', sk: 'TOKEN' },
  },
  site: {
    type: 'site',
    key: { pk: 'ORG#{orgId}', sk: 'SITE#{id}' },
  },
  siteContactAddress: {
    type: 'site-contact-address',
    key: { pk: 'SITEADDR#{addressHash}', sk: 'SITE#{orgId}#{id}' },
  },
  securityContactAddress: {
    type: 'security-contact-address',
    key: { pk: 'SECADDR#{addressHash}', sk: 'ORG#{orgId}' },
  },
  personalDataRequest: {
    type: 'personal-data-request',
    key: { pk: 'PDREQ#{id}', sk: 'REQUEST' },
    indexes: { gsi1: { pk: 'PDREQS#{addressHash}', sk: '{id}' } },
  },
  signInGrant: {
    type: 'sign-in-grant',
    key: { pk: 'SIGNIN#{nonceHash}', sk: 'GRANT' },
  },
  session: {
    type: 'session',
    key: { pk: 'SESSION#{idHash}', sk: 'SESSION' },
  },
} as const satisfies Record<string, EntitySpec>;

export type EntityName = keyof typeof ENTITIES;
type Spec<E extends EntityName> = (typeof ENTITIES)[E];
type PkOf<E extends EntityName> = Spec<E>['key']['pk'];
type SkOf<E extends EntityName> = Spec<E>['key']['sk'];
type IndexMap<E extends EntityName> = Spec<E> extends { readonly indexes: infer X } ? X : never;
type IndexesOf<E extends EntityName> = keyof IndexMap<E> & IndexName;
type IndexTemplate<E extends EntityName, I extends IndexesOf<E>> = IndexMap<E>[I] extends KeyTemplate ? IndexMap<E>[I] : never;

/** The primary key of one item. */
export function keyOf<E extends EntityName>(entity: E, params: NoInfer<ParamsOf<PkOf<E>> & ParamsOf<SkOf<E>>>): { pk: string; sk: string } {
  const { pk, sk } = ENTITIES[entity].key;
  return { pk: fill(pk, params as never), sk: fill(sk, params as never) };
}

/** The partition key alone, for Queries. */
export function partitionOf<E extends EntityName>(entity: E, params: NoInfer<ParamsOf<PkOf<E>>>): string {
  return fill(ENTITIES[entity].key.pk, params as never);
}

/** The literal start of an entity's sort key, for `begins_with`. */
export function sortPrefixOf(entity: EntityName): string {
  return literalPrefix(ENTITIES[entity].key.sk);
}

/** The item type and primary key, the start of every item written. */
export function itemOf<E extends EntityName>(entity: E, params: NoInfer<ParamsOf<PkOf<E>> & ParamsOf<SkOf<E>>>): { pk: string; sk: string; type: string } {
  return { ...keyOf(entity, params), type: ENTITIES[entity].type };
}

function indexTemplate(entity: EntityName, index: IndexName): KeyTemplate {
  const spec: EntitySpec = ENTITIES[entity];
  const template = spec.indexes?.[index];
  if (!template) throw new Error(`${entity} is not in ${index}`);
  return template;
}

/** The attributes that put an item into an index: `{gsi1pk, gsi1sk}`. */
export function indexKeyOf<E extends EntityName, I extends IndexesOf<E>>(
  entity: E,
  index: I,
  params: NoInfer<ParamsOf<IndexTemplate<E, I>['pk']> & ParamsOf<IndexTemplate<E, I>['sk']>>,
): Record<string, string> {
  const { pk, sk } = indexTemplate(entity, index);
  return { [`${index}pk`]: fill(pk, params as never), [`${index}sk`]: fill(sk, params as never) };
}

/** An index partition, for Queries on the index. */
export function indexPartitionOf<E extends EntityName, I extends IndexesOf<E>>(entity: E, index: I, params: NoInfer<ParamsOf<IndexTemplate<E, I>['pk']>>): string {
  return fill(indexTemplate(entity, index).pk, params as never);
}
