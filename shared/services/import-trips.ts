import type * as z from 'zod';
import { findCountryByCodeOrName } from '../domain/country';
import { EmailAddressSchema } from '../domain/email-address';
import { defaultChannels, type Traveler } from '../domain/traveler';
import { SegmentSchema, type Segment } from '../domain/trip';
import { oneLine } from '../domain/text';
import { MalformedRequestError, ValidationError } from '../errors';
import { readItineraryCalendar, type CalendarEvent } from '../formats/itinerary-ical';
import { readItineraryCsv } from '../formats/itinerary-csv';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { runPool } from './run-pool';
import { randomCode } from './travelers';
import { saveTrip } from './trips';

/** Lines (CSV) or events (iCalendar) one import may hold; the request body is bounded by the API's body limit too. */
const MAX_IMPORT_LINES = 1_000;
/** Characters of an import body. */
const MAX_IMPORT_CHARS = 256_000;
/** Trips written at once. */
const WRITES_IN_FLIGHT = 8;

export type ImportFormat = 'csv' | 'calendar';

export interface ImportResult {
  created: number;
  travelers: number;
  errors: { line: number; message: string }[];
}

/** One trip to write: its line, its traveler (an existing id, or an email and name to find or register), its segment. */
interface PlannedTrip {
  line: number;
  traveler: { id: string } | { email: string; name: string | undefined };
  segment: Segment;
}

type ImportDeps = Pick<ServiceDeps, 'travelers' | 'organizationSettings' | 'auditLog' | 'clock' | 'ids'>;

const RowEmailSchema = EmailAddressSchema;
const RowNameSchema = oneLine(200);

function issueText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')} ` : ''}${i.message}`).join('; ');
}

function segmentOf(input: Record<string, unknown>): Segment | string {
  const parsed = SegmentSchema.safeParse(input);
  return parsed.success ? parsed.data : issueText(parsed.error);
}

function planCsv(text: string): { plans: PlannedTrip[]; errors: ImportResult['errors'] } {
  const { headerError, lines } = readItineraryCsv(text);
  if (headerError) throw new ValidationError([{ path: '(body)', message: headerError }]);
  if (lines.length > MAX_IMPORT_LINES) throw new ValidationError([{ path: '(body)', message: `holds ${lines.length} lines; an import takes at most ${MAX_IMPORT_LINES}` }]);
  const plans: PlannedTrip[] = [];
  const errors: ImportResult['errors'] = [];
  for (const row of lines) {
    if ('error' in row) {
      errors.push({ line: row.line, message: row.error });
      continue;
    }
    const { fields } = row;
    const email = RowEmailSchema.safeParse(fields.email);
    if (!email.success) {
      errors.push({ line: row.line, message: `email ${issueText(email.error)}` });
      continue;
    }
    const name = fields.name === '' ? undefined : RowNameSchema.safeParse(fields.name);
    if (name && !name.success) {
      errors.push({ line: row.line, message: `name ${issueText(name.error)}` });
      continue;
    }
    const country = findCountryByCodeOrName(fields.country);
    if (!country) {
      errors.push({ line: row.line, message: `country "${fields.country.slice(0, 60)}" is not a known country name or ISO 3166-1 alpha-2 code` });
      continue;
    }
    const segment = segmentOf({ country: country.code, ...(fields.city ? { city: fields.city } : {}), from: fields.from, to: fields.to });
    if (typeof segment === 'string') errors.push({ line: row.line, message: segment });
    else plans.push({ line: row.line, traveler: { email: email.data, name: name?.data }, segment });
  }
  return { plans, errors };
}

/** Where an event is: X-OUTPOST-COUNTRY, else the LOCATION's parts ("Nairobi, Kenya": city and country), else none. */
function placeOf(event: CalendarEvent): { country: string; city?: string } | string {
  if (event.countryCode) {
    const country = findCountryByCodeOrName(event.countryCode);
    return country ? { country: country.code } : `X-OUTPOST-COUNTRY "${event.countryCode.slice(0, 20)}" is not an ISO 3166-1 alpha-2 code`;
  }
  if (event.location) {
    const parts = event.location.split(',').map((p) => p.trim()).filter(Boolean);
    for (let i = parts.length - 1; i >= 0; i -= 1) {
      const country = findCountryByCodeOrName(parts[i]!);
      if (country) return { country: country.code, ...(i > 0 ? { city: parts[0]!.slice(0, 100) } : {}) };
    }
  }
  return 'names no country: add X-OUTPOST-COUNTRY (an ISO code) or a LOCATION ending in a country name';
}

function planCalendar(text: string, travelerId: string | undefined): { plans: PlannedTrip[]; errors: ImportResult['errors'] } {
  let events: CalendarEvent[];
  try {
    events = readItineraryCalendar(text);
  } catch {
    throw new ValidationError([{ path: '(body)', message: 'is not an iCalendar (RFC 5545) document' }]);
  }
  if (events.length > MAX_IMPORT_LINES) throw new ValidationError([{ path: '(body)', message: `holds ${events.length} events; an import takes at most ${MAX_IMPORT_LINES}` }]);
  const plans: PlannedTrip[] = [];
  const errors: ImportResult['errors'] = [];
  for (const event of events) {
    const place = placeOf(event);
    if (typeof place === 'string') {
      errors.push({ line: event.line, message: `event ${place}` });
      continue;
    }
    if (!event.from || !event.to) {
      errors.push({ line: event.line, message: 'event has no DTSTART' });
      continue;
    }
    const segment = segmentOf({ ...place, from: event.from, to: event.to });
    if (typeof segment === 'string') {
      errors.push({ line: event.line, message: segment });
      continue;
    }
    if (travelerId) {
      plans.push({ line: event.line, traveler: { id: travelerId }, segment });
      continue;
    }
    const email = event.attendee ? RowEmailSchema.safeParse(event.attendee.email) : undefined;
    if (!email?.success) {
      errors.push({ line: event.line, message: 'event names no traveler: give ?travelerId= or an ATTENDEE with a mailto: address' });
      continue;
    }
    const name = event.attendee?.name ? RowNameSchema.safeParse(event.attendee.name) : undefined;
    plans.push({ line: event.line, traveler: { email: email.data, name: name?.success ? name.data : undefined }, segment });
  }
  return { plans, errors };
}

/**
 * POST /v1/trips/import: an itinerary as CSV (`email,name,country,city,from,to`)
 * or iCalendar (one trip per VEVENT). Every good line becomes a trip (its
 * traveler found by email in the organization, or registered with that
 * email); every bad one is reported with its line number and never stops
 * the others. Each trip and traveler is audited, and the import as a whole.
 */
export async function importTrips(deps: ImportDeps, person: ActingPerson, format: ImportFormat, text: string, options: { travelerId?: string | undefined } = {}): Promise<ImportResult> {
  if (text.length > MAX_IMPORT_CHARS) throw new ValidationError([{ path: '(body)', message: `is ${text.length} characters; an import takes at most ${MAX_IMPORT_CHARS}` }]);
  if (text.trim() === '') throw new MalformedRequestError('The import is empty.');
  if (options.travelerId) {
    const traveler = await deps.travelers.getTraveler(options.travelerId);
    if (!traveler || traveler.orgId !== person.orgId) throw new ValidationError([{ path: 'travelerId', message: 'is not a traveler of your organization' }]);
  }
  const { plans, errors } = format === 'csv' ? planCsv(text) : planCalendar(text, options.travelerId);
  const settings = await deps.organizationSettings.getSettings(person.orgId);
  const importId = deps.ids.next();
  const byEmail = new Map<string, Promise<{ traveler: Traveler; created: boolean }>>();
  const travelerFor = (plan: PlannedTrip) => {
    if ('id' in plan.traveler) return Promise.resolve(plan.traveler.id);
    const { email, name } = plan.traveler;
    // One lookup (or registration) per email, however many lines name it.
    if (!byEmail.has(email)) byEmail.set(email, findOrRegister(deps, person, email, name, importId));
    return byEmail.get(email)!.then((r) => r.traveler.id);
  };
  let created = 0;
  await runPool(plans, WRITES_IN_FLIGHT, async (plan) => {
    try {
      await saveTrip(deps, person, { travelerId: await travelerFor(plan), segments: [plan.segment] }, settings.tripRetentionDays, importId);
      created += 1;
    } catch (error) {
      errors.push({ line: plan.line, message: error instanceof Error && 'status' in error ? error.message : 'could not be saved; try this line again' });
    }
  });
  const registered = (await Promise.all([...byEmail.values()].map((p) => p.catch(() => undefined)))).filter((r) => r?.created).length;
  errors.sort((a, b) => a.line - b.line);
  await deps.auditLog.record(
    auditEntry(deps, deps.clock.now(), person, 'trip.imported', { type: 'organization', id: person.orgId }, { importId, format, created, travelers: registered, refused: errors.length }),
  );
  return { created, travelers: registered, errors };
}

async function findOrRegister(deps: ImportDeps, person: ActingPerson, email: string, name: string | undefined, importId: string): Promise<{ traveler: Traveler; created: boolean }> {
  const existing = (await deps.travelers.findTravelersByAddress(email)).find((t) => t.orgId === person.orgId);
  if (existing) return { traveler: existing, created: false };
  const now = deps.clock.now();
  const traveler: Traveler = {
    id: deps.ids.next(),
    orgId: person.orgId,
    name: name ?? email.split('@')[0]!,
    email,
    channels: defaultChannels({ email }),
    stopCode: randomCode(10),
    createdAt: now,
    updatedAt: now,
    createdBy: person.personId,
  };
  await deps.travelers.createTraveler(traveler, [auditEntry(deps, now, person, 'traveler.created', { type: 'traveler', id: traveler.id }, { channels: 'email', importId })]);
  return { traveler, created: true };
}
