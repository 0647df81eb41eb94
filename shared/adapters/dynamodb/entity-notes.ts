import { ENTITIES, type EntityName, type EntitySpec } from './entities';

/**
 * What each entity of entities.ts is for, in the words of
 * docs/data-model.md's entity table. Kept apart from the key declarations
 * because only the document needs it: no function carries this text.
 */
interface EntityNote {
  readonly title: string;
  readonly notes?: string;
}

const ENTITY_NOTES = {
  publication: {
    title: 'publication head',
    notes:
      '`rev` attribute: optimistic concurrency and ETag; gsi2 only while scheduled, gsi3 only while published with an end time',
  },
  version: {
    title: 'version',
    notes: 'immutable; written with `attribute_not_exists`; its INSERT on the stream is what gets announced',
  },
  listing: {
    title: 'listing',
    notes:
      'copy of the current version per audience (`CLEAR`, `GREEN`, `AMBER`) and scope (`all`, `c:<cc>`, `r:<region>`, `k:<kind>`); rewritten on each publish, deleted on archive/expiry',
  },
  advisory: {
    title: 'advisory pointer',
    notes: 'the one current travel advisory per country',
  },
  changeCounter: {
    title: 'change counter',
    notes:
      'bumped on every publish/end that changes a public (CLEAR) listing, and on no other; public document caches compare it',
  },
  searchHead: {
    title: 'search index head',
    notes:
      'the current search snapshot (`snapshot`: id, chunk count, log watermark, lineage), `appends` (bumped after every log append; API instances compare it) and `logFloor`; the snapshot is swapped with a condition on the id it replaces',
  },
  searchSnapshotChunk: {
    title: 'search snapshot chunk',
    notes:
      'a gzipped, serialized search index cut into ≤ 350 KB `bytes`; written before the head names the snapshot, deleted when the next one replaces it',
  },
  searchLog: {
    title: 'search log entry',
    notes:
      'one changed publication as searched (`data`), position `<ISO instant>#<id>#<rev:9>`; pruned an hour behind the snapshot watermark',
  },
  organization: {
    title: 'organization',
  },
  person: {
    title: 'person',
  },
  personEmail: {
    title: 'person email',
    notes: 'unique email → person',
  },
  apiKey: {
    title: 'API key',
    notes: 'keyed by the SHA-256 of the key; only the hash and a visible prefix are stored',
  },
  apiKeyRef: {
    title: 'API key ref',
    notes: 'keyId → hash, for revocation',
  },
  audit: {
    title: 'audit entry',
    notes:
      'month `yyyy-mm`; written in the same transaction as the change it records; in gsi1 only when it concerns an organization (its admins read it there)',
  },
  idempotency: {
    title: 'idempotency record',
    notes: 'hash of caller and key; TTL 24 h',
  },
  announcement: {
    title: 'announcement',
    notes:
      'one per published version: `pending` from the first announce attempt, `sent` (with the SNS `messageId`) once the topic accepted it; its own stream records are ignored by the announcer',
  },
  subscription: {
    title: 'subscription',
    notes:
      'gsi1 for member subscriptions only; `status` and `revision` attributes mirror `data` for conditions (every status change, filter change and delete is conditional on both); TTL while `pending` (created + 8 days) and `unsubscribed` (+ 30 days); webhook `secret` lives here',
  },
  subscriptionAddress: {
    title: 'subscription address',
    notes:
      'one per email/SMS subscription; the key holds the SHA-256 of the normalized address, never the address; same TTL as its subscription',
  },
  subscriptionAddressMark: {
    title: 'subscribed address mark',
    notes:
      'one per email/SMS address that has had an ACTIVE subscription, keyed by the SHA-256 of the address (never the address): put in the transaction that makes a subscription active, deleted with the last subscription of the address; traveler alerts read the marks of a page of travelers with one BatchGetItem and look up subscriptions only for marked addresses (a stale mark costs one lookup)',
  },
  subscriptionCode: {
    title: 'subscription unsubscribe code',
    notes:
      'SMS subscriptions only: the short `/u/<code>` link → `subscriptionId`; written, re-timed and deleted with its subscription',
  },
  subscriptionIndex: {
    title: 'subscription match index',
    notes:
      'one per scope (`global`, `c:<cc>`, `r:<region>`) of an ACTIVE subscription, with a copy of it, in shard `hash(id) mod 16` of the scope, so a large scope spreads over 16 partitions that fan-out parts read in parallel; written on activation, deleted on suspend/unsubscribe/delete, in the same transaction',
  },
  digestIndex: {
    title: 'digest index',
    notes:
      'one per ACTIVE daily or weekly email subscription (which has no match-index items), with a copy of it and `since`, the earliest publish time its digests list (when it joined this zone and frequency); in shard `hash(id) mod 16` of its frequency and time zone, so a digest run finds who is due by zone, never by Scan; written on activation and moved on a frequency or zone change (`since` = what its digests in the old zone listed up to, `zoneCutoff` = the new zone\'s last cut-off, checked in the move: its first run there lists from `since`), deleted on suspend/unsubscribe/delete, in the same transaction',
  },
  digestZone: {
    title: 'digest zone',
    notes:
      'one per (frequency, time zone) that has ever had a digest subscriber, written before the first digest index item of the pair; a digest run reads this one partition to learn which zones to look at; `lastCutoff` and `lastFrom`, the window of its last run, moved conditionally when a run starts, so runs never overlap and a repeated run gets the same window',
  },
  heldMessage: {
    title: 'held message',
    notes:
      "an alert held during its subscriber's quiet hours: `item` is `PUB#<publicationId>`, with the `version` held (a newer version of the same publication overwrites it, conditionally, so it is sent once, as the newest); in gsi2 under the shard `hash(subscriptionId) mod 16` of its channel by release time; released like a fan-out chunk: claimed under a lease (`leaseToken`, `leaseUntil`, its gsi2 sort key moved to the lease's end so a stopped worker's claim is due again), marked `sending` just before the send, deleted after it; never an address; TTL 14 days after release",
  },
  subscriptionShards: {
    title: 'subscription match index shards',
    notes:
      'one per channel and scope: `shards`, the number set of the scope\'s shards that hold any index item, `ADD`ed before an index item is written and never taken back (a stale shard costs one empty part), so planning a fan-out reads one item per scope instead of probing 16 partitions',
  },
  rateCounter: {
    title: 'rate counter',
    notes: 'fixed-window counter (`hits`) keyed by the SHA-256 of its subject; TTL window end + 1 h',
  },
  fanOutProgress: {
    title: 'fan-out progress',
    notes:
      'one per announced version and channel: parts planned and done, subscriptions matched, sent, failed and dead-lettered (`ADD` in the same transaction as the chunk change that counts them, so nothing is counted twice), first and last delivery times; TTL 180 days',
  },
  fanOutChunk: {
    title: 'fan-out chunk',
    notes:
      'up to 200 matched subscriptions of one part, from the index key after `start` (`^` for the first): their ids, the lease of the worker sending them, the send batches done and the one in flight, and each recipient that failed, waits for a retry or was dead-lettered (ids, states and reason codes only, never an address); created with `attribute_not_exists`, so a chunk is sent by one worker at a time, once; TTL 180 days',
  },
  subscriptionHealth: {
    title: 'subscription delivery health',
    notes:
      'counters `sent`, `failed`, `deadLettered`, `retried`; `consecutiveFailures` (reset to 0 by a success); `lastAttemptAt`, `lastSuccessAt`, `lastFailureAt`, `lastFailureReason` (a code such as `http-500`, `timeout`, `opted-out`; never an address), `lastOutcome` (`sent`, `retrying`, `failed` or `dead-lettered`); updated only by a settle that landed; TTL 180 days after the last attempt',
  },
  organizationSettings: {
    title: 'organization settings',
    notes:
      'duty-of-care choices: `travelerAlerts` (minimum advisory level, kinds), `securityContacts`, `tripRetentionDays`; absent: the defaults',
  },
  traveler: {
    title: 'traveler',
    notes:
      'a member organization\'s traveler: name, email, phone, channels, stop code (personal data of that organization only); `updatedAt` guards updates',
  },
  travelerAddress: {
    title: 'traveler address',
    notes:
      'one per email and phone of a traveler, keyed by the SHA-256 of the address (never the address), with `orgId`: imports find a traveler by email, an SMS reply finds the travelers of its number, and a traveler alert skips an address that a subscription already serves',
  },
  travelerStopCode: {
    title: 'traveler stop code',
    notes: 'the short `/t/<code>` link in every traveler alert → `travelerId`; written and deleted with the traveler',
  },
  trip: {
    title: 'trip',
    notes:
      'a traveler\'s segments (country, city, days); `active=true` lists are `gsi*sk >= today`; TTL `tripRetentionDays` after `endsOn`',
  },
  tripIndex: {
    title: 'trip match index',
    notes:
      'one per trip and country it visits, with the segments there, the traveler and the organization; shard `hash(travelerId) mod 16`, so a traveler\'s items sit together; a traveler fan-out part reads a group of eight shards (`g`, `g+2`, … `g+14`) in order (decisions 0087, 0088); gsi1 is one organization\'s trips in one country by their last day there (exposure); written and deleted with the trip, same TTL',
  },
  tripShards: {
    title: 'trip match index shards',
    notes:
      'one per country: `emailShards` and `smsShards`, the number sets of the country\'s trip-index shards that hold a trip of a traveler reachable on that channel, `ADD`ed before a trip\'s index items are written (and when a traveler becomes reachable on a channel) and never taken back (a stale shard costs one empty part), so planning a traveler alert on a channel reads one item per country instead of probing 16 partitions; `shards` (every channel) is what older releases wrote, read until the marks\' backfill removes it',
  },
  travelerTrip: {
    title: 'traveler\'s trip countries',
    notes:
      'one per trip under its traveler: `countries` it visits; written and deleted with the trip, same TTL; the strongly consistent list of a traveler\'s trip countries that marks a channel\'s shards when the traveler becomes reachable on it (gsi2 of trips is eventually consistent)',
  },
  safetyCheck: {
    title: 'safety check',
    notes:
      'the question, channels, reminder interval and rounds done; gsi2 only while a reminder round is due; TTL 90 days',
  },
  safetyResponse: {
    title: 'safety response',
    notes:
      'one per traveler asked: name, token, `status` (`no-response`, `safe`, `need-help`), when and how they answered, channels sent, reminders; gsi1 finds a traveler\'s newest check for an SMS reply; TTL 90 days',
  },
  safetyToken: {
    title: 'safety response token',
    notes: 'the one-tap link `/r/<token>` → check and traveler; TTL 90 days',
  },
  site: {
    title: 'member site',
    notes:
      'a member organization’s named point (office, plant, residence) with optional contacts (personal data: shown to the organization only, never logged); in the organization’s partition, so its sites are one Query; at most 500',
  },
  siteContactAddress: {
    title: 'site contact address',
    notes:
      'one per distinct email and phone among a site’s contacts, keyed by the SHA-256 of the address (never the address), with `orgId` and `siteId`: a personal-data export or erasure finds the sites that hold an address; written, rewritten and deleted with its site',
  },
  securityContactAddress: {
    title: 'security contact address',
    notes:
      'one per address in an organization’s `securityContacts`, keyed by the SHA-256 of the address (never the address), with `orgId`: a personal-data export or erasure finds the organizations that name an address; written with the settings, stale ones ignored on read (the settings are the truth) and deleted by erasure',
  },
  personalDataRequest: {
    title: 'personal-data request',
    notes:
      'the address a personal-data link was sent to: the link’s signed token names this id, never the address; gsi1 finds every open request of an address, all deleted when the address is erased; TTL at the link’s expiry (24 h)',
  },
  signInGrant: {
    title: 'sign-in grant',
    notes: 'a one-time sign-in link, by the hash of its nonce; deleted when used; TTL at expiry',
  },
  session: {
    title: 'browser session',
    notes: 'by the hash of the session id in the signed cookie; TTL at expiry',
  },
} as const satisfies Record<EntityName, EntityNote>;

/** The entity table of docs/data-model.md, rendered from the declarations and their notes. */
export function renderEntityTable(): string {
  const code = (template: string) => '`' + template.replace(/\{([A-Za-z0-9]+)(?::[a-z0-9]+)?\}/g, '<$1>') + '`';
  const rows = (Object.keys(ENTITIES) as EntityName[]).map((name) => {
    const spec: EntitySpec = ENTITIES[name];
    const note: EntityNote = ENTITY_NOTES[name];
    const indexes = Object.entries(spec.indexes ?? {})
      .map(([index, t]) => `${index} ${code(t.pk)} / ${code(t.sk)}`)
      .join('; ');
    return `| ${note.title} | \`${spec.type}\` | ${code(spec.key.pk)} | ${code(spec.key.sk)} | ${indexes || '—'} | ${note.notes ?? ''} |`;
  });
  return ['| entity | type | pk | sk | indexes | notes |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
