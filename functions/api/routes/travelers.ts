import type { Context } from 'hono';
import * as z from 'zod';
import { UpdateOrganizationSettingsSchema } from '../../../shared/domain/organization-settings';
import { CreateTravelerSchema, describeTraveler, UpdateTravelerSchema } from '../../../shared/domain/traveler';
import { CreateTripSchema, describeTrip } from '../../../shared/domain/trip';
import { parseOrThrow } from '../../../shared/domain/validation';
import { NotFoundError, UnsupportedMediaTypeError } from '../../../shared/errors';
import { importTrips, type ImportFormat } from '../../../shared/services/import-trips';
import { readOrganizationSettings, updateOrganizationSettings } from '../../../shared/services/organization-settings';
import { readExposure } from '../../../shared/services/read-exposure';
import { createTraveler, deleteTraveler, exportTravelers, listTravelers, ownTraveler, updateTraveler } from '../../../shared/services/travelers';
import { createTrip, deleteTrip, listTrips, TripListQuerySchema } from '../../../shared/services/trips';
import { AUTHENTICATED } from '../../http/access';
import type { AppEnv } from '../../http/env';
import { readJson } from '../../http/json-body';
import { actor } from '../../http/middleware/auth';
import type { Router } from '../../http/router';
import { describeSite } from '../../../shared/domain/site';
import { SiteSchema } from './sites';
import { ExposureSchema, ImportResultSchema, OrganizationSettingsSchema, TravelerExportSchema, TravelerPageSchema, TravelerViewSchema, TripPageSchema, TripViewSchema } from '../openapi/duty-schemas';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(1024).optional() }).strict();
const ImportQuerySchema = z.object({ travelerId: z.string().regex(ULID, 'must be a traveler id').optional() }).strict();
const IdParams = z.object({ id: z.string().regex(ULID) });
const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

/** Traveler data is personal data of the organization: never kept by a browser or CloudFront. */
function noStore(c: Context<AppEnv>): void {
  c.header('cache-control', 'private, no-store');
}

function idOf(c: Context<AppEnv>, what: string): string {
  const id = c.req.param('id') ?? '';
  if (!ULID.test(id)) throw new NotFoundError(what);
  return id;
}

/** The import's format from its media type: an itinerary is iCalendar or CSV. */
function importFormat(c: Context<AppEnv>): ImportFormat {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'text/calendar') return 'calendar';
  throw new UnsupportedMediaTypeError();
}

/**
 * Duty of care: the caller's organization's travelers and their trips,
 * itinerary imports, the exposure of a publication, and the organization's
 * settings. Everything is scoped to the caller's organization; another
 * organization's traveler or trip is "not found".
 */
export function travelerRoutes(router: Router): void {
  router.on('POST', '/v1/travelers', AUTHENTICATED, async (c) => {
    const traveler = await createTraveler(c.var.deps, actor(c), await readJson(c));
    noStore(c);
    return c.json(describeTraveler(traveler), 201);
  }, {
    summary: 'Register a traveler of your organization',
    description: 'At least one of `email` and `phone`; addresses are checked as subscription addresses are. Without `channels`, every channel the traveler has an address for.',
    tags: ['Travelers'],
    request: { body: CreateTravelerSchema },
    responses: { 201: { description: 'The traveler', content: json(TravelerViewSchema) } },
    errors: [409],
  });

  router.on('GET', '/v1/travelers', AUTHENTICATED, async (c) => {
    const { limit, cursor } = parseOrThrow(ListQuerySchema, c.req.query());
    noStore(c);
    return c.json(await listTravelers(c.var.deps, actor(c), limit, cursor));
  }, { summary: "Your organization's travelers, newest first", tags: ['Travelers'], request: { query: ListQuerySchema }, responses: { 200: { description: 'One page of travelers', content: json(TravelerPageSchema) } } });

  // Before /v1/travelers/:id, which would take `export` for an id.
  router.on('GET', '/v1/travelers/export', AUTHENTICATED, async (c) => {
    noStore(c);
    return c.json(await exportTravelers(c.var.deps, actor(c)));
  }, {
    summary: 'Everything your organization holds about its travelers, with their trips',
    description: 'The personal-data export of the organization’s travelers; the export is audited.',
    tags: ['Travelers'],
    responses: { 200: { description: 'Every traveler with every trip', content: json(TravelerExportSchema) } },
  });

  router.on('GET', '/v1/travelers/:id', AUTHENTICATED, async (c) => {
    const traveler = await ownTraveler(c.var.deps, actor(c), idOf(c, 'Traveler'));
    noStore(c);
    return c.json(describeTraveler(traveler));
  }, { summary: 'One of your travelers', tags: ['Travelers'], request: { params: IdParams }, responses: { 200: { description: 'The traveler', content: json(TravelerViewSchema) } } });

  router.on('PATCH', '/v1/travelers/:id', AUTHENTICATED, async (c) => {
    const traveler = await updateTraveler(c.var.deps, actor(c), idOf(c, 'Traveler'), await readJson(c));
    noStore(c);
    return c.json(describeTraveler(traveler));
  }, {
    summary: 'Change a traveler: name, addresses (`null` removes one), channels',
    tags: ['Travelers'],
    request: { params: IdParams, body: UpdateTravelerSchema },
    responses: { 200: { description: 'The traveler as changed', content: json(TravelerViewSchema) } },
    errors: [409],
  });

  router.on('DELETE', '/v1/travelers/:id', AUTHENTICATED, async (c) => {
    await deleteTraveler(c.var.deps, actor(c), idOf(c, 'Traveler'));
    noStore(c);
    return c.body(null, 204);
  }, {
    summary: 'Delete a traveler for good, with their trips and safety-check answers',
    tags: ['Travelers'],
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' } },
    errors: [409],
  });

  router.on('POST', '/v1/trips', AUTHENTICATED, async (c) => {
    const trip = await createTrip(c.var.deps, actor(c), await readJson(c));
    noStore(c);
    return c.json(describeTrip(trip), 201);
  }, {
    summary: 'Register a trip of one of your travelers: countries (and cities) by days',
    description: 'Each segment covers its `from` and `to` days inclusive. The trip and its index are deleted the organization’s `tripRetentionDays` after it ends.',
    tags: ['Travelers'],
    request: { body: CreateTripSchema },
    responses: { 201: { description: 'The trip', content: json(TripViewSchema) } },
  });

  router.on('GET', '/v1/trips', AUTHENTICATED, async (c) => {
    noStore(c);
    return c.json(await listTrips(c.var.deps, actor(c), c.req.query()));
  }, {
    summary: "Your organization's trips (or one traveler's), latest end first",
    description: '`active=true`: only trips that have not ended.',
    tags: ['Travelers'],
    request: { query: TripListQuerySchema },
    responses: { 200: { description: 'One page of trips', content: json(TripPageSchema) } },
  });

  router.on('POST', '/v1/trips/import', AUTHENTICATED, async (c) => {
    const { travelerId } = parseOrThrow(ImportQuerySchema, c.req.query());
    const format = importFormat(c);
    const result = await importTrips(c.var.deps, actor(c), format, await c.req.text(), { travelerId });
    noStore(c);
    return c.json(result);
  }, {
    summary: 'Import an itinerary: CSV (`email,name,country,city,from,to`) or iCalendar (one trip per VEVENT)',
    description:
      'Send `Content-Type: text/csv` or `text/calendar`. A CSV line names its traveler by email (registered when the organization has none with it); a calendar event by its ATTENDEE (or ORGANIZER) email, or every event is one traveler’s with `?travelerId=`. An event’s country comes from `X-OUTPOST-COUNTRY` or from a `LOCATION` ending in a country name. At most 1,000 lines or events. A bad line never stops the good ones: each is reported with its line number.',
    tags: ['Travelers'],
    request: { query: ImportQuerySchema },
    responses: { 200: { description: 'What was created and each refused line', content: json(ImportResultSchema) } },
    errors: [400, 413, 415],
  });

  router.on('DELETE', '/v1/trips/:id', AUTHENTICATED, async (c) => {
    await deleteTrip(c.var.deps, actor(c), idOf(c, 'Trip'));
    noStore(c);
    return c.body(null, 204);
  }, { summary: 'Delete a trip', tags: ['Travelers'], request: { params: IdParams }, responses: { 204: { description: 'Deleted' } }, errors: [409] });

  router.on('GET', '/v1/publications/:id/exposure', AUTHENTICATED, async (c) => {
    const result = await readExposure(c.var.deps, actor(c), c.var.viewer, idOf(c, 'Publication'));
    noStore(c);
    return c.json({ ...result, sites: result.sites.map(describeSite) });
  }, {
    summary: 'Your travelers and sites exposed to a publication',
    description:
      'Security alerts: `eventStart`–`eventEnd`, or the publish day and the 7 days after when absent. Travel advisories: today and the next 30 days. Other kinds: the publish day and the 7 days after. `sites`: your sites inside the current version’s areas (or within a circle’s radius), or in its countries for a version without areas — the rule that matches subscriptions to sites. Only your organization’s travelers and sites, of a publication you can see.',
    tags: ['Travelers'],
    request: { params: IdParams },
    responses: { 200: { description: 'The exposed travelers with the segments that put them there', content: json(ExposureSchema.extend({ version: z.number().int(), sites: z.array(SiteSchema) })) } },
  });

  router.on('GET', '/v1/organizations/me', AUTHENTICATED, async (c) => {
    noStore(c);
    return c.json(await readOrganizationSettings(c.var.deps, actor(c)));
  }, { summary: "Your organization's duty-of-care settings", tags: ['Travelers'], responses: { 200: { description: 'The settings (defaults where never set)', content: json(OrganizationSettingsSchema) } } });

  router.on('PATCH', '/v1/organizations/me', AUTHENTICATED, async (c) => {
    const settings = await updateOrganizationSettings(c.var.deps, actor(c), await readJson(c));
    noStore(c);
    return c.json(settings);
  }, {
    summary: 'Choose which alerts reach your travelers, who hears when one needs help, and how long trips are kept',
    description: '`travelerAlerts.kinds` (security alerts, travel advisories; empty: none) and `minLevel` (travel advisories below it do not reach travelers); `securityContacts` (emails told at once when a traveler answers "I need help"; empty: every person of the organization); `tripRetentionDays` (1–365, default 30).',
    tags: ['Travelers'],
    request: { body: UpdateOrganizationSettingsSchema },
    responses: { 200: { description: 'The settings as changed', content: json(OrganizationSettingsSchema) } },
  });
}
