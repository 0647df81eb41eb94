import * as z from 'zod';
import { CreateTripSchema, dayOf, describeTrip, tripEnd, type Trip } from '../domain/trip';
import { parseOrThrow } from '../domain/validation';
import { NotFoundError } from '../errors';
import type { Page } from '../ports/page';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { ownTraveler } from './travelers';

type TripDeps = Pick<ServiceDeps, 'travelers' | 'organizationSettings' | 'clock' | 'ids'>;

/** Writes a trip of one of the organization's travelers; it is deleted the organization's retention days after it ends. */
export async function saveTrip(deps: TripDeps, person: ActingPerson, input: { travelerId: string; segments: Trip['segments'] }, retentionDays: number, importId?: string): Promise<Trip> {
  const now = deps.clock.now();
  const trip: Trip = { id: deps.ids.next(), orgId: person.orgId, travelerId: input.travelerId, segments: input.segments, endsOn: tripEnd(input.segments), createdAt: now, createdBy: person.personId };
  const details = { segments: trip.segments.length, countries: [...new Set(trip.segments.map((s) => s.country))].join(','), ...(importId ? { importId } : {}) };
  await deps.travelers.createTrip(trip, retentionDays, [auditEntry(deps, now, person, 'trip.created', { type: 'trip', id: trip.id }, details)]);
  return trip;
}

/** POST /v1/trips. */
export async function createTrip(deps: TripDeps, person: ActingPerson, input: unknown): Promise<Trip> {
  const body = parseOrThrow(CreateTripSchema, input);
  try {
    await ownTraveler(deps, person, body.travelerId);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('Traveler');
    throw error;
  }
  const settings = await deps.organizationSettings.getSettings(person.orgId);
  return saveTrip(deps, person, body, settings.tripRetentionDays);
}

export async function deleteTrip(deps: Pick<ServiceDeps, 'travelers' | 'clock' | 'ids'>, person: ActingPerson, id: string): Promise<void> {
  const trip = await deps.travelers.getTrip(id);
  if (!trip || trip.orgId !== person.orgId) throw new NotFoundError('Trip');
  await deps.travelers.deleteTrip(trip, [auditEntry(deps, deps.clock.now(), person, 'trip.deleted', { type: 'trip', id })]);
}

export const TripListQuerySchema = z
  .object({
    travelerId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a traveler id').optional(),
    active: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(1024).optional(),
  })
  .strict();

/** GET /v1/trips: the organization's trips (or one traveler's), latest end first; `active=true`: those not over yet. */
export async function listTrips(deps: Pick<ServiceDeps, 'travelers' | 'clock'>, person: ActingPerson, query: unknown): Promise<Page<ReturnType<typeof describeTrip>>> {
  const q = parseOrThrow(TripListQuerySchema, query);
  const page = await deps.travelers.listTrips(
    { orgId: person.orgId, ...(q.travelerId ? { travelerId: q.travelerId } : {}), ...(q.active === 'true' ? { endingFrom: dayOf(deps.clock.now()) } : {}) },
    q.limit,
    q.cursor,
  );
  return { items: page.items.map(describeTrip), cursor: page.cursor };
}
