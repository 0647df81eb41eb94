import type { AuditEntry } from '../domain/audit';
import type { OrganizationSettings } from '../domain/organization-settings';
import type { Traveler, TravelerChannel } from '../domain/traveler';
import type { Segment, Trip } from '../domain/trip';
import type { Page } from './page';

/** One trip's visit to one country, as the trip match index holds it. */
export interface TripVisit {
  tripId: string;
  travelerId: string;
  orgId: string;
  country: string;
  /** The trip's segments in this country. */
  segments: Segment[];
  /** Where the visit is in its part (opaque, ordered): a page or range can start after it or end at it. */
  position: string;
}

/** One part of the trip match index: a country and one group of its shards (see `shardsOfTripGroup`). */
export interface TripIndexPart {
  country: string;
  group: number;
}

/** A page of a trip index part: visits in position order, and the position to continue after (null: the part is read). */
export interface TripVisitPage {
  items: TripVisit[];
  last: string | null;
}

/**
 * Travelers, their trips and the trip match index. A trip's index items
 * (one per country it visits) are written and deleted with it, in one
 * transaction; a traveler's deletion takes its trips along.
 */
export interface TravelerStore {
  /** Writes a new traveler with its address items and stop code (conditional: the id must be new). */
  createTraveler(traveler: Traveler, audit: AuditEntry[]): Promise<void>;
  getTraveler(id: string): Promise<Traveler | undefined>;
  /** Several travelers at once; the missing ones are absent from the map. */
  getTravelers(ids: readonly string[]): Promise<Map<string, Traveler>>;
  /**
   * Replaces `expected` (as read) with `next`, rewriting address items that
   * changed; a StoreConflictError if it changed meanwhile. A channel that
   * becomes reachable (see `reachableChannels`) gets its trips' shards marked.
   */
  updateTraveler(expected: Traveler, next: Traveler, audit: AuditEntry[]): Promise<void>;
  /** Deletes a traveler, its address items, stop code, trips and their index items for good; answers how many trips went. */
  deleteTraveler(traveler: Traveler, audit: AuditEntry[]): Promise<number>;
  listTravelers(orgId: string, limit: number, cursor?: string): Promise<Page<Traveler>>;
  /** Every traveler (of any organization) with this email address or E.164 number. */
  findTravelersByAddress(address: string): Promise<Traveler[]>;
  getTravelerByStopCode(code: string): Promise<Traveler | undefined>;

  /**
   * Writes a trip and its index items; they expire `retentionDays` after the
   * trip ends. Its shards are marked for every channel its traveler is
   * reachable on, even one gained while it was written.
   */
  createTrip(trip: Trip, retentionDays: number, audit: AuditEntry[]): Promise<void>;
  getTrip(id: string): Promise<Trip | undefined>;
  deleteTrip(trip: Trip, audit: AuditEntry[]): Promise<void>;
  /** An organization's trips (or one traveler's), by end day; with `endingFrom`, only those ending on or after that day. */
  listTrips(query: { orgId: string; travelerId?: string; endingFrom?: string }, limit: number, cursor?: string): Promise<Page<Trip>>;

  /**
   * The index parts of `countries` that hold (or held) a trip of a traveler
   * reachable on `channel`: the groups of the shards marked before a trip's
   * index items are written (and when its traveler gains the channel),
   * never unmarked, so none is missed and a stale one reads empty.
   * Strongly consistent.
   */
  occupiedTripParts(channel: TravelerChannel, countries: readonly string[]): Promise<TripIndexPart[]>;
  /**
   * Visits of one index part after the position `after`, about `limit` of
   * them read across the group's shards in order, ending with every visit of
   * the last traveler read, so one traveler never spans two pages. With
   * `endingFrom` (a day), visits whose last day is before it are read but
   * not returned. Strongly consistent.
   */
  visitPage(part: TripIndexPart, limit: number, after?: string, endingFrom?: string): Promise<TripVisitPage>;
  /** Every visit of one part with a position after `after` and up to `through` (null: to the end). */
  visitRange(part: TripIndexPart, after: string | undefined, through: string | null): Promise<TripVisit[]>;
  /** One traveler's visits to one country (they are all in the traveler's shard). */
  visitsOf(country: string, travelerId: string): Promise<TripVisit[]>;
  /** One organization's visits to a country whose last day there is on or after `fromDay`. */
  organizationVisits(orgId: string, country: string, fromDay: string): Promise<TripVisit[]>;
}

/** Each organization's duty-of-care settings. */
export interface OrganizationSettingsStore {
  /** The organization's settings, or the defaults. */
  getSettings(orgId: string): Promise<OrganizationSettings>;
  /** Settings of several organizations (the defaults for those with none). */
  getSettingsOf(orgIds: readonly string[]): Promise<Map<string, OrganizationSettings>>;
  putSettings(orgId: string, settings: OrganizationSettings, audit: AuditEntry[]): Promise<void>;
  /** The organizations whose security contacts name this email address. */
  findByContact(address: string): Promise<string[]>;
}
