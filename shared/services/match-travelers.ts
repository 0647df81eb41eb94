import type { Channel } from '../domain/channel';
import { travelerPartCountry, type FanOutPart } from '../domain/fan-out';
import { wantsTravelerAlert, type OrganizationSettings } from '../domain/organization-settings';
import { canSeeVersion, type Version } from '../domain/publication';
import { subscriptionScopes, type Subscription } from '../domain/subscription';
import { travelerAddress, travelerRecipient, TravelerChannelSchema, type Traveler } from '../domain/traveler';
import { exposureWindow, overlaps, type DayWindow } from '../domain/trip';
import type { OrganizationSettingsStore, TravelerStore, TripVisit, TripVisitPage } from '../ports/traveler-store';
import type { SubscriptionStore } from '../ports/subscription-store';
import { matchScopes, wantsVersion } from './match-scopes';
import { runPool } from './run-pool';

/** What matching travelers reads: the trip match index and travelers, organizations' settings, and subscriptions by address. */
export interface TravelerMatchDeps {
  travelers: Pick<TravelerStore, 'visitPage' | 'visitRange' | 'visitsOf' | 'getTravelers'>;
  organizationSettings: Pick<OrganizationSettingsStore, 'getSettingsOf'>;
  subscriptions: Pick<SubscriptionStore, 'subscribedAddresses' | 'listByAddress'>;
}

/** Organizations' settings, read once per worker invocation: the parts of one batch, running side by side, share a read in flight. */
export type SettingsCache = Map<string, Promise<OrganizationSettings>>;

/** Subscription lookups (for marked addresses) and canonical-country reads in flight at once per chunk. */
const LOOKUPS_IN_FLIGHT = 16;

/**
 * Index items a traveler chunk may read per recipient it may hold: most
 * visits in a country fall outside an alert's window (trips are entered
 * months ahead and kept a month after; a security alert's window is a
 * week), so a chunk reads several times its size in visits and keeps at
 * most its size of exposed travelers (`upToExposed`). Ten times lets a
 * group of shards with one exposed visit in nine be one chunk.
 */
const INDEX_READ_PER_RECIPIENT = 10;

/** The days a version concerns travelers for: an advisory's 30 days run from its publishing, not from whenever a worker reads the part, so every retry decides alike. */
function windowOf(version: Version): DayWindow {
  return exposureWindow(version, version.publishedAt);
}

const inWindow = (visit: TripVisit, window: DayWindow) => visit.segments.some((s) => overlaps(s, window));

function exposedIn(visits: readonly TripVisit[], window: DayWindow): Set<string> {
  return new Set(visits.filter((v) => inWindow(v, window)).map((v) => v.travelerId));
}

/**
 * A page cut after its `limit`-th exposed traveler (with every visit of that
 * traveler), continuing from there: a chunk never holds more recipients
 * than its size, however many of the visits read fall in the window.
 */
function upToExposed(page: TripVisitPage, window: DayWindow, limit: number): TripVisitPage {
  let exposed = 0;
  // A traveler's visits are consecutive (one shard, keys that start with its id): decided run by run.
  for (let start = 0; start < page.items.length; ) {
    const travelerId = page.items[start]!.travelerId;
    let end = start;
    while (end < page.items.length && page.items[end]!.travelerId === travelerId) end += 1;
    if (page.items.slice(start, end).some((v) => inWindow(v, window))) {
      if (exposed === limit) return { items: page.items.slice(0, start), last: page.items[start - 1]!.position };
      exposed += 1;
    }
    start = end;
  }
  return page;
}

/**
 * A traveler exposed in several of a version's countries is found in each
 * country's parts; it belongs to the first of the version's countries it
 * is exposed in (the same rule `isCanonicalScope` gives subscriptions).
 * Its items share its shard in every country, so this reads one partition
 * per earlier country, and only for multi-country versions.
 */
async function inCanonicalCountry(deps: TravelerMatchDeps, version: Version, country: string, travelerId: string): Promise<boolean> {
  const earlier = version.content.countries.slice(0, version.content.countries.indexOf(country));
  for (const other of earlier) {
    if (exposedIn(await deps.travelers.visitsOf(other, travelerId), windowOf(version)).size > 0) return false;
  }
  return true;
}

async function settingsFor(deps: TravelerMatchDeps, cache: SettingsCache, orgIds: readonly string[]): Promise<Map<string, OrganizationSettings>> {
  const unique = [...new Set(orgIds)];
  const missing = unique.filter((id) => !cache.has(id));
  if (missing.length > 0) {
    const read = deps.organizationSettings.getSettingsOf(missing);
    // A failed read is not kept: the next part of the batch asks again.
    read.catch(() => missing.forEach((id) => cache.delete(id)));
    for (const id of missing) cache.set(id, read.then((settings) => settings.get(id)!));
  }
  return new Map(await Promise.all(unique.map(async (id) => [id, await cache.get(id)!] as const)));
}

/** Whether a traveler can be sent this channel's alerts: it is one of its channels, it has the address, it has not stopped alerts. */
function reachable(traveler: Traveler, channel: Channel): boolean {
  const travelerChannel = TravelerChannelSchema.safeParse(channel);
  if (!travelerChannel.success || !traveler.channels.includes(travelerChannel.data)) return false;
  return traveler.alertsStoppedAt === undefined && travelerAddress(traveler, travelerChannel.data) !== undefined;
}

/**
 * Whether a reachable traveler should get this version by the traveler
 * rules: its organization wants the kind and level, and the organization
 * may see the version (GREEN: every member; AMBER: the named organizations
 * and the publisher's).
 */
function travelerWants(traveler: Traveler, version: Version, settings: OrganizationSettings | undefined): boolean {
  if (!settings || !wantsTravelerAlert(settings, version)) return false;
  return canSeeVersion({ kind: 'person', personId: traveler.createdBy, orgId: traveler.orgId, role: 'member' }, version);
}

/**
 * A traveler who also subscribed the same address on this channel, with a
 * subscription that takes this version, gets it from that subscription:
 * one message, not two. Only an address marked as subscribed (one read for
 * the whole page) can be: its subscriptions are then read and asked. A
 * subscription takes the version when a subscription part finds it (it is
 * filed under one of the version's scopes: `wantsVersion` leaves countries
 * and regions to the index) and wants it.
 */
async function servedBySubscription(deps: TravelerMatchDeps, subscribed: ReadonlySet<string>, recipient: Subscription, channel: Channel, version: Version): Promise<boolean> {
  if (!subscribed.has(recipient.address!)) return false;
  const versionScopes = new Set(matchScopes({ countries: version.content.countries, regions: version.regions }));
  const subscriptions = await deps.subscriptions.listByAddress(recipient.address!);
  return subscriptions.some((s) => subscriptionScopes(s.filters).some((scope) => versionScopes.has(scope)) && wantsVersion(s, channel, version));
}

/**
 * Reads one page of a traveler part (`trip:<cc>` and a shard) and answers
 * the travelers who should receive the version on `channel`, as fan-out
 * recipients (`travelerRecipient`), with the key to continue after. A page
 * ends at a traveler boundary, so each traveler is decided in one chunk.
 */
export async function matchTravelerPage(
  deps: TravelerMatchDeps,
  cache: SettingsCache,
  channel: Channel,
  version: Version,
  part: FanOutPart,
  limit: number,
  after?: string,
): Promise<{ items: Subscription[]; last: string | null }> {
  const country = travelerPartCountry(part);
  const window = windowOf(version);
  // A visit that ended before the window cannot be exposed: the store passes over it.
  const page = upToExposed(await deps.travelers.visitPage({ country, group: part.shard }, limit * INDEX_READ_PER_RECIPIENT, after, window.start), window, limit);
  const exposed = [...exposedIn(page.items, window)];
  if (exposed.length === 0) return { items: [], last: page.last };
  const travelers = await deps.travelers.getTravelers(exposed);
  const reached = exposed.flatMap((id) => {
    const traveler = travelers.get(id);
    return traveler && reachable(traveler, channel) ? [traveler] : [];
  });
  if (reached.length === 0) return { items: [], last: page.last };
  const recipients = new Map(reached.map((t) => [t.id, travelerRecipient(t, channel as 'email' | 'sms')]));
  // Independent reads, side by side: the organizations' settings and which of the page's addresses are subscribed.
  const [settings, subscribed] = await Promise.all([settingsFor(deps, cache, reached.map((t) => t.orgId)), deps.subscriptions.subscribedAddresses([...recipients.values()].map((r) => r.address!))]);
  const wanted = reached.filter((traveler) => travelerWants(traveler, version, settings.get(traveler.orgId)));
  const keep = new Set<string>();
  await runPool(wanted, LOOKUPS_IN_FLIGHT, async (traveler) => {
    if (!(await inCanonicalCountry(deps, version, country, traveler.id))) return;
    if (await servedBySubscription(deps, subscribed, recipients.get(traveler.id)!, channel, version)) return;
    keep.add(traveler.id);
  });
  // Index order, so a chunk's recipients are the same whoever builds it.
  return { items: wanted.filter((t) => keep.has(t.id)).map((t) => recipients.get(t.id)!), last: page.last };
}

/** The recipients of a traveler chunk built by another worker: its visits again, as recipients (the chunk's ids say who is sent). */
export async function travelerRange(deps: TravelerMatchDeps, channel: Channel, part: FanOutPart, after: string | undefined, through: string | null): Promise<Subscription[]> {
  const visits = await deps.travelers.visitRange({ country: travelerPartCountry(part), group: part.shard }, after, through);
  const travelers = await deps.travelers.getTravelers(visits.map((v) => v.travelerId));
  return [...travelers.values()].map((t) => travelerRecipient(t, channel as 'email' | 'sms'));
}
