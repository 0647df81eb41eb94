import * as z from 'zod';
import { countryName, CountryCodeSchema } from './country';
import { NearSchema, type Circle } from './place';

/**
 * Where a subscription watches, when it is a place rather than countries:
 * a circle (`near`), or the organization's sites. Each is filed in the
 * match index under the countries it reaches, and matched by geometry
 * (shared/geo/place-match.ts): an alert with areas when they meet the
 * circle or hold a site; an alert without areas when it names the country
 * of the circle's centre or of a site (docs/decisions/0062).
 */

/** A subscription names at most this many sites. */
const MAX_SUBSCRIPTION_SITES = 20;

const SiteIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a site id');

/** The place fields of a create or update body. */
export const PlaceInputFields = {
  near: NearSchema.extend({ country: CountryCodeSchema.optional() }).strict().optional(),
  sites: z
    .array(SiteIdSchema)
    .min(1, 'must name at least one site')
    .max(MAX_SUBSCRIPTION_SITES, `must name at most ${MAX_SUBSCRIPTION_SITES} sites`)
    .refine((list) => new Set(list).size === list.length, 'must not repeat an entry')
    .optional(),
};

/** A stored `near`: the circle, the country of its centre, and every country the circle reaches (centre's first). */
export const PlacedNearSchema = NearSchema.extend({ country: CountryCodeSchema, reach: z.array(CountryCodeSchema).min(1) }).strict();
export type PlacedNear = z.infer<typeof PlacedNearSchema>;

/** A stored site of a subscription: a copy of where the site is, taken when the subscription was saved. */
export const PlacedSiteSchema = z.object({ id: SiteIdSchema, name: z.string(), lat: z.number(), lon: z.number(), country: CountryCodeSchema }).strict();
export type PlacedSite = z.infer<typeof PlacedSiteSchema>;

interface PlaceFilters {
  near?: PlacedNear | undefined;
  sites?: readonly PlacedSite[] | undefined;
}

/** Whether the filters watch a place at all. */
export function hasPlace(filters: PlaceFilters): boolean {
  return filters.near !== undefined || (filters.sites?.length ?? 0) > 0;
}

/** The countries a place is filed under in the match index. */
export function placeCountries(filters: PlaceFilters): string[] {
  return [...new Set([...(filters.near?.reach ?? []), ...(filters.sites ?? []).map((s) => s.country)])];
}

/** The countries that hold the place itself: an alert without areas reaches the place when it names one of them. */
export function homeCountries(filters: PlaceFilters): Set<string> {
  return new Set([...(filters.near ? [filters.near.country] : []), ...(filters.sites ?? []).map((s) => s.country)]);
}

/** The circles the place watches: near's, and each site as a point. */
export function placeCircles(filters: PlaceFilters): Circle[] {
  return [
    ...(filters.near ? [{ lat: filters.near.lat, lon: filters.near.lon, radiusKm: filters.near.radiusKm }] : []),
    ...(filters.sites ?? []).map((s) => ({ lat: s.lat, lon: s.lon, radiusKm: 0 })),
  ];
}

/** "within 10 km of -1.2864, 36.8172 (Kenya)"; "your sites Nairobi office, Mombasa port" — or undefined without a place. */
export function describePlace(filters: PlaceFilters): string | undefined {
  const parts: string[] = [];
  if (filters.near) parts.push(`within ${filters.near.radiusKm} km of ${filters.near.lat}, ${filters.near.lon} (${countryName(filters.near.country)})`);
  if (filters.sites?.length) parts.push(`your sites ${filters.sites.map((s) => s.name).join(', ')}`);
  return parts.length ? parts.join('; ') : undefined;
}
