import { fill, literalPrefix, type ParamsOf } from './key-template';
import type { IndexName } from './table-definition';

/**
 * Every entity of the single table, as data: its item `type`, the key
 * templates of its primary key and of the indexes it appears in, and what
 * it is for. The repositories build every key from these declarations
 * (`keyOf`, `partitionOf`, `indexKeyOf` …) and docs/data-model.md's entity
 * table is rendered from them (`renderEntityTable`), so code and document
 * cannot drift.
 */

export interface KeyTemplate {
  readonly pk: string;
  readonly sk: string;
}

export interface EntitySpec {
  /** The item's `type` attribute. */
  readonly type: string;
  readonly title: string;
  readonly key: KeyTemplate;
  readonly indexes?: Partial<Readonly<Record<IndexName, KeyTemplate>>>;
  readonly notes?: string;
}

export const ENTITIES = {
  publication: {
    type: 'publication',
    title: 'publication head',
    key: { pk: 'PUB#{id}', sk: 'HEAD' },
    indexes: {
      gsi1: { pk: 'ORGPUB#{orgId}', sk: '{updatedAt}#{id}' },
      gsi2: { pk: 'DUE#PUBLISH', sk: '{publishAt}#{id}' },
      gsi3: { pk: 'DUE#EXPIRE', sk: '{expiresAt}#{id}' },
    },
    notes: '`rev` attribute: optimistic concurrency and ETag; gsi2 only while scheduled, gsi3 only while published with an end time',
  },
  version: {
    type: 'version',
    title: 'version',
    key: { pk: 'PUB#{id}', sk: 'V#{version:6}' },
    notes: 'immutable; written with `attribute_not_exists`; its INSERT on the stream is what gets announced',
  },
  listing: {
    type: 'listing',
    title: 'listing',
    key: { pk: 'L#{audience}#{scope}', sk: '{publishedAt}#{id}' },
    notes: 'copy of the current version per audience (`CLEAR`, `GREEN`, `AMBER`) and scope (`all`, `c:<cc>`, `r:<region>`, `k:<kind>`); rewritten on each publish, deleted on archive/expiry',
  },
  advisory: {
    type: 'advisory',
    title: 'advisory pointer',
    key: { pk: 'ADVISORY', sk: '{country}' },
    notes: 'the one current travel advisory per country',
  },
  changeCounter: {
    type: 'change-counter',
    title: 'change counter',
    key: { pk: 'META', sk: 'CHANGES' },
    notes: 'bumped on every publish/end that changes a public (CLEAR) listing, and on no other; public document caches compare it',
  },
  searchHead: {
    type: 'search-head',
    title: 'search index head',
    key: { pk: 'SEARCH', sk: 'HEAD' },
    notes: 'the current search snapshot (`snapshot`: id, chunk count, log watermark, lineage), `appends` (bumped after every log append; API instances compare it) and `logFloor`; the snapshot is swapped with a condition on the id it replaces',
  },
  searchSnapshotChunk: {
    type: 'search-chunk',
    title: 'search snapshot chunk',
    key: { pk: 'SEARCHSNAP#{snapshotId}', sk: '{chunk:6}' },
    notes: 'a gzipped, serialized search index cut into ≤ 350 KB `bytes`; written before the head names the snapshot, deleted when the next one replaces it',
  },
  searchLog: {
    type: 'search-log',
    title: 'search log entry',
    key: { pk: 'SEARCHLOG', sk: '{position}' },
    notes: 'one changed publication as searched (`data`), position `<ISO instant>#<id>#<rev:9>`; pruned an hour behind the snapshot watermark',
  },
  organization: {
    type: 'organization',
    title: 'organization',
    key: { pk: 'ORG#{id}', sk: 'PROFILE' },
    indexes: { gsi1: { pk: 'ORGS', sk: '{name}' } },
  },
  person: {
    type: 'person',
    title: 'person',
    key: { pk: 'PERSON#{id}', sk: 'PROFILE' },
    indexes: { gsi1: { pk: 'ORGPEOPLE#{orgId}', sk: '{id}' } },
  },
  personEmail: {
    type: 'person-email',
    title: 'person email',
    key: { pk: 'EMAIL#{email:lower}', sk: 'PERSON' },
    notes: 'unique email → person',
  },
  apiKey: {
    type: 'api-key',
    title: 'API key',
    key: { pk: 'APIKEY#{hash}', sk: 'KEY' },
    indexes: { gsi1: { pk: 'ORGKEYS#{orgId}', sk: '{createdAt}#{keyId}' } },
    notes: 'keyed by the SHA-256 of the key; only the hash and a visible prefix are stored',
  },
  apiKeyRef: {
    type: 'api-key-ref',
    title: 'API key ref',
    key: { pk: 'APIKEYID#{keyId}', sk: 'REF' },
    notes: 'keyId → hash, for revocation',
  },
  audit: {
    type: 'audit',
    title: 'audit entry',
    key: { pk: 'AUDIT#{month}', sk: '{id}' },
    indexes: { gsi1: { pk: 'AUDITORG#{orgId}', sk: '{id}' } },
    notes: 'month `yyyy-mm`; written in the same transaction as the change it records; in gsi1 only when it concerns an organization (its admins read it there)',
  },
  idempotency: {
    type: 'idempotency',
    title: 'idempotency record',
    key: { pk: 'IDEM#{hash}', sk: 'IDEM' },
    notes: 'hash of caller and key; TTL 24 h',
  },
  announcement: {
    type: 'announcement',
    title: 'announcement',
    key: { pk: 'ANNOUNCE#{publicationId}#{version:6}', sk: 'ANNOUNCE' },
    notes: 'one per published version: `pending` from the first announce attempt, `sent` (with the SNS `messageId`) once the topic accepted it; its own stream records are ignored by the announcer',
  },
  subscription: {
    type: 'subscription',
    title: 'subscription',
    key: { pk: 'SUB#{id}', sk: 'SUB' },
    indexes: { gsi1: { pk: 'ORGSUBS#{orgId}', sk: '{createdAt}#{id}' } },
    notes:
      'gsi1 for member subscriptions only; `status` and `revision` attributes mirror `data` for conditions (every status change, filter change and delete is conditional on both); TTL while `pending` (created + 8 days) and `unsubscribed` (+ 30 days); webhook `secret` lives here',
  },
  subscriptionAddress: {
    type: 'subscription-address',
    title: 'subscription address',
    key: { pk: 'SUBADDR#{addressHash}', sk: 'SUB#{id}' },
    notes: 'one per email/SMS subscription; the key holds the SHA-256 of the normalized address, never the address; same TTL as its subscription',
  },
  subscriptionAddressMark: {
    type: 'subscription-address-mark',
    title: 'subscribed address mark',
    key: { pk: 'SUBADDRMARK#{addressHash}', sk: 'MARK' },
    notes:
      'one per email/SMS address that has had an ACTIVE subscription, keyed by the SHA-256 of the address (never the address): put in the transaction that makes a subscription active, deleted with the last subscription of the address; traveler alerts read the marks of a page of travelers with one BatchGetItem and look up subscriptions only for marked addresses (a stale mark costs one lookup)',
  },
  subscriptionCode: {
    type: 'subscription-code',
    title: 'subscription unsubscribe code',
    key: { pk: 'SUBCODE#{code}', sk: 'SUBCODE' },
    notes: 'SMS subscriptions only: the short `/u/<code>` link → `subscriptionId`; written, re-timed and deleted with its subscription',
  },
  subscriptionIndex: {
    type: 'subscription-index',
    title: 'subscription match index',
    key: { pk: 'SUBIDX#{channel}#{scope}#{shard}', sk: '{id}' },
    notes:
      'one per scope (`global`, `c:<cc>`, `r:<region>`) of an ACTIVE subscription, with a copy of it, in shard `hash(id) mod 16` of the scope, so a large scope spreads over 16 partitions that fan-out parts read in parallel; written on activation, deleted on suspend/unsubscribe/delete, in the same transaction',
  },
  digestIndex: {
    type: 'digest-index',
    title: 'digest index',
    key: { pk: 'DIGEST#{frequency}#{timeZone}#{shard}', sk: '{id}' },
    notes:
      'one per ACTIVE daily or weekly email subscription (which has no match-index items), with a copy of it and `since`, the earliest publish time its digests list (when it joined this zone and frequency); in shard `hash(id) mod 16` of its frequency and time zone, so a digest run finds who is due by zone, never by Scan; written on activation and moved on a frequency or zone change (`since` = what its digests in the old zone listed up to, `zoneCutoff` = the new zone\'s last cut-off, checked in the move: its first run there lists from `since`), deleted on suspend/unsubscribe/delete, in the same transaction',
  },
  digestZone: {
    type: 'digest-zone',
    title: 'digest zone',
    key: { pk: 'DIGESTZONES', sk: '{frequency}#{timeZone}' },
    notes:
      'one per (frequency, time zone) that has ever had a digest subscriber, written before the first digest index item of the pair; a digest run reads this one partition to learn which zones to look at; `lastCutoff` and `lastFrom`, the window of its last run, moved conditionally when a run starts, so runs never overlap and a repeated run gets the same window',
  },
  heldMessage: {
    type: 'held-message',
    title: 'held message',
    key: { pk: 'HELD#{subscriptionId}', sk: '{item}' },
    indexes: { gsi2: { pk: 'DUE#HELD#{channel}#{shard}', sk: '{releaseAt}#{subscriptionId}#{item}' } },
    notes:
      "an alert held during its subscriber's quiet hours: `item` is `PUB#<publicationId>`, with the `version` held (a newer version of the same publication overwrites it, conditionally, so it is sent once, as the newest); in gsi2 under the shard `hash(subscriptionId) mod 16` of its channel by release time; released like a fan-out chunk: claimed under a lease (`leaseToken`, `leaseUntil`, its gsi2 sort key moved to the lease's end so a stopped worker's claim is due again), marked `sending` just before the send, deleted after it; never an address; TTL 14 days after release",
  },
  subscriptionShards: {
    type: 'subscription-shards',
    title: 'subscription match index shards',
    key: { pk: 'SUBSHARDS#{channel}#{scope}', sk: 'SHARDS' },
    notes:
      'one per channel and scope: `shards`, the number set of the scope\'s shards that hold any index item, `ADD`ed before an index item is written and never taken back (a stale shard costs one empty part), so planning a fan-out reads one item per scope instead of probing 16 partitions',
  },
  rateCounter: {
    type: 'rate-counter',
    title: 'rate counter',
    key: { pk: 'RATE#{bucket}#{subjectHash}', sk: '{windowStart}' },
    notes: 'fixed-window counter (`hits`) keyed by the SHA-256 of its subject; TTL window end + 1 h',
  },
  fanOutProgress: {
    type: 'fan-out-progress',
    title: 'fan-out progress',
    key: { pk: 'FANOUT#{publicationId}#{version:6}', sk: 'P#{channel}' },
    notes:
      'one per announced version and channel: parts planned and done, subscriptions matched, sent, failed and dead-lettered (`ADD` in the same transaction as the chunk change that counts them, so nothing is counted twice), first and last delivery times; TTL 180 days',
  },
  fanOutChunk: {
    type: 'fan-out-chunk',
    title: 'fan-out chunk',
    key: { pk: 'FANOUT#{publicationId}#{version:6}#{channel}#{shard}', sk: 'C#{scope}#{start}' },
    notes:
      'up to 200 matched subscriptions of one part, from the index key after `start` (`^` for the first): their ids, the lease of the worker sending them, the send batches done and the one in flight, and each recipient that failed, waits for a retry or was dead-lettered (ids, states and reason codes only, never an address); created with `attribute_not_exists`, so a chunk is sent by one worker at a time, once; TTL 180 days',
  },
  subscriptionHealth: {
    type: 'subscription-health',
    title: 'subscription delivery health',
    key: { pk: 'SUBHEALTH#{subscriptionId}', sk: 'HEALTH' },
    notes:
      'counters `sent`, `failed`, `deadLettered`, `retried`; `consecutiveFailures` (reset to 0 by a success); `lastAttemptAt`, `lastSuccessAt`, `lastFailureAt`, `lastFailureReason` (a code such as `http-500`, `timeout`, `opted-out`; never an address), `lastOutcome` (`sent`, `retrying`, `failed` or `dead-lettered`); updated only by a settle that landed; TTL 180 days after the last attempt',
  },
  organizationSettings: {
    type: 'organization-settings',
    title: 'organization settings',
    key: { pk: 'ORG#{id}', sk: 'SETTINGS' },
    notes: 'duty-of-care choices: `travelerAlerts` (minimum advisory level, kinds), `securityContacts`, `tripRetentionDays`; absent: the defaults',
  },
  traveler: {
    type: 'traveler',
    title: 'traveler',
    key: { pk: 'TRAVELER#{id}', sk: 'TRAVELER' },
    indexes: { gsi1: { pk: 'ORGTRAVELERS#{orgId}', sk: '{createdAt}#{id}' } },
    notes: 'a member organization\'s traveler: name, email, phone, channels, stop code (personal data of that organization only); `updatedAt` guards updates',
  },
  travelerAddress: {
    type: 'traveler-address',
    title: 'traveler address',
    key: { pk: 'TRAVADDR#{addressHash}', sk: 'TRAVELER#{id}' },
    notes: 'one per email and phone of a traveler, keyed by the SHA-256 of the address (never the address), with `orgId`: imports find a traveler by email, an SMS reply finds the travelers of its number, and a traveler alert skips an address that a subscription already serves',
  },
  travelerStopCode: {
    type: 'traveler-stop-code',
    title: 'traveler stop code',
    key: { pk: 'TRAVCODE#{code}', sk: 'TRAVCODE' },
    notes: 'the short `/t/<code>` link in every traveler alert → `travelerId`; written and deleted with the traveler',
  },
  trip: {
    type: 'trip',
    title: 'trip',
    key: { pk: 'TRIP#{id}', sk: 'TRIP' },
    indexes: { gsi1: { pk: 'ORGTRIPS#{orgId}', sk: '{endsOn}#{id}' }, gsi2: { pk: 'TRAVTRIPS#{travelerId}', sk: '{endsOn}#{id}' } },
    notes: 'a traveler\'s segments (country, city, days); `active=true` lists are `gsi*sk >= today`; TTL `tripRetentionDays` after `endsOn`',
  },
  tripIndex: {
    type: 'trip-index',
    title: 'trip match index',
    key: { pk: 'TRIPIDX#{country}#{shard}', sk: '{travelerId}#{tripId}' },
    indexes: { gsi1: { pk: 'ORGTRIPIDX#{orgId}#{country}', sk: '{lastDay}#{tripId}' } },
    notes:
      'one per trip and country it visits, with the segments there, the traveler and the organization; shard `hash(travelerId) mod 16`, so a traveler\'s items sit together and traveler fan-out parts read a country like subscription parts read a scope; gsi1 is one organization\'s trips in one country by their last day there (exposure); written and deleted with the trip, same TTL',
  },
  tripShards: {
    type: 'trip-shards',
    title: 'trip match index shards',
    key: { pk: 'TRIPSHARDS#{country}', sk: 'SHARDS' },
    notes:
      'one per country: `emailShards` and `smsShards`, the number sets of the country\'s trip-index shards that hold a trip of a traveler reachable on that channel, `ADD`ed before a trip\'s index items are written (and when a traveler becomes reachable on a channel) and never taken back (a stale shard costs one empty part), so planning a traveler alert on a channel reads one item per country instead of probing 16 partitions; `shards` (every channel) is what older releases wrote, read until the marks\' backfill removes it',
  },
  travelerTrip: {
    type: 'traveler-trip',
    title: 'traveler\'s trip countries',
    key: { pk: 'TRAVTRIP#{travelerId}', sk: 'TRIP#{tripId}' },
    notes:
      'one per trip under its traveler: `countries` it visits; written and deleted with the trip, same TTL; the strongly consistent list of a traveler\'s trip countries that marks a channel\'s shards when the traveler becomes reachable on it (gsi2 of trips is eventually consistent)',
  },
  safetyCheck: {
    type: 'safety-check',
    title: 'safety check',
    key: { pk: 'SCHECK#{id}', sk: 'CHECK' },
    indexes: { gsi1: { pk: 'ORGCHECKS#{orgId}', sk: '{createdAt}#{id}' }, gsi2: { pk: 'DUE#REMIND', sk: '{remindAt}#{id}' } },
    notes: 'the question, channels, reminder interval and rounds done; gsi2 only while a reminder round is due; TTL 90 days',
  },
  safetyResponse: {
    type: 'safety-response',
    title: 'safety response',
    key: { pk: 'SCHECK#{checkId}', sk: 'T#{travelerId}' },
    indexes: { gsi1: { pk: 'TRAVCHECKS#{travelerId}', sk: '{createdAt}#{checkId}' } },
    notes: 'one per traveler asked: name, token, `status` (`no-response`, `safe`, `need-help`), when and how they answered, channels sent, reminders; gsi1 finds a traveler\'s newest check for an SMS reply; TTL 90 days',
  },
  safetyToken: {
    type: 'safety-token',
    title: 'safety response token',
    key: { pk: 'SCTOKEN#{token}', sk: 'TOKEN' },
    notes: 'the one-tap link `/r/<token>` → check and traveler; TTL 90 days',
  },
  site: {
    type: 'site',
    title: 'member site',
    key: { pk: 'ORG#{orgId}', sk: 'SITE#{id}' },
    notes: 'a member organization’s named point (office, plant, residence) with optional contacts (personal data: shown to the organization only, never logged); in the organization’s partition, so its sites are one Query; at most 500',
  },
  siteContactAddress: {
    type: 'site-contact-address',
    title: 'site contact address',
    key: { pk: 'SITEADDR#{addressHash}', sk: 'SITE#{orgId}#{id}' },
    notes: 'one per distinct email and phone among a site’s contacts, keyed by the SHA-256 of the address (never the address), with `orgId` and `siteId`: a personal-data export or erasure finds the sites that hold an address; written, rewritten and deleted with its site',
  },
  securityContactAddress: {
    type: 'security-contact-address',
    title: 'security contact address',
    key: { pk: 'SECADDR#{addressHash}', sk: 'ORG#{orgId}' },
    notes: 'one per address in an organization’s `securityContacts`, keyed by the SHA-256 of the address (never the address), with `orgId`: a personal-data export or erasure finds the organizations that name an address; written with the settings, stale ones ignored on read (the settings are the truth) and deleted by erasure',
  },
  personalDataRequest: {
    type: 'personal-data-request',
    title: 'personal-data request',
    key: { pk: 'PDREQ#{id}', sk: 'REQUEST' },
    indexes: { gsi1: { pk: 'PDREQS#{addressHash}', sk: '{id}' } },
    notes: 'the address a personal-data link was sent to: the link’s signed token names this id, never the address; gsi1 finds every open request of an address, all deleted when the address is erased; TTL at the link’s expiry (24 h)',
  },
  signInGrant: {
    type: 'sign-in-grant',
    title: 'sign-in grant',
    key: { pk: 'SIGNIN#{nonceHash}', sk: 'GRANT' },
    notes: 'a one-time sign-in link, by the hash of its nonce; deleted when used; TTL at expiry',
  },
  session: {
    type: 'session',
    title: 'browser session',
    key: { pk: 'SESSION#{idHash}', sk: 'SESSION' },
    notes: 'by the hash of the session id in the signed cookie; TTL at expiry',
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

/** The entity table of docs/data-model.md, rendered from the declarations. */
export function renderEntityTable(): string {
  const code = (template: string) => '`' + template.replace(/\{([A-Za-z0-9]+)(?::[a-z0-9]+)?\}/g, '<$1>') + '`';
  const rows = Object.values(ENTITIES).map((spec: EntitySpec) => {
    const indexes = Object.entries(spec.indexes ?? {})
      .map(([name, t]) => `${name} ${code(t.pk)} / ${code(t.sk)}`)
      .join('; ');
    return `| ${spec.title} | \`${spec.type}\` | ${code(spec.key.pk)} | ${code(spec.key.sk)} | ${indexes || '—'} | ${spec.notes ?? ''} |`;
  });
  return ['| entity | type | pk | sk | indexes | notes |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
