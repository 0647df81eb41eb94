import { randomBytes } from 'node:crypto';
import { applyTravelerUpdate, CreateTravelerSchema, defaultChannels, describeTraveler, UpdateTravelerSchema, type Traveler, type TravelerView } from '../domain/traveler';
import { describeTrip } from '../domain/trip';
import { parseOrThrow } from '../domain/validation';
import { NotFoundError, ValidationError } from '../errors';
import type { Page } from '../ports/page';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** `length` random lower-case Crockford base32 characters (5 bits each; 256 is a multiple of 32, so every one is equally likely). */
export function randomCode(length: number): string {
  return [...randomBytes(length)].map((byte) => CROCKFORD[byte & 31]).join('');
}

type TravelerDeps = Pick<ServiceDeps, 'travelers' | 'safetyChecks' | 'clock' | 'ids'>;

/** A traveler of the caller's organization; another organization's traveler is "not found", never "forbidden". */
export async function ownTraveler(deps: Pick<ServiceDeps, 'travelers'>, person: ActingPerson, id: string): Promise<Traveler> {
  const traveler = await deps.travelers.getTraveler(id);
  if (!traveler || traveler.orgId !== person.orgId) throw new NotFoundError('Traveler');
  return traveler;
}

/** Registers a traveler of the caller's organization (POST /v1/travelers). */
export async function createTraveler(deps: TravelerDeps, person: ActingPerson, input: unknown): Promise<Traveler> {
  const body = parseOrThrow(CreateTravelerSchema, input);
  const now = deps.clock.now();
  const traveler: Traveler = {
    id: deps.ids.next(),
    orgId: person.orgId,
    name: body.name,
    ...(body.email ? { email: body.email } : {}),
    ...(body.phone ? { phone: body.phone } : {}),
    channels: body.channels ?? defaultChannels(body),
    stopCode: randomCode(10),
    createdAt: now,
    updatedAt: now,
    createdBy: person.personId,
  };
  await deps.travelers.createTraveler(traveler, [auditEntry(deps, now, person, 'traveler.created', { type: 'traveler', id: traveler.id }, { channels: traveler.channels.join(',') })]);
  return traveler;
}

export async function updateTraveler(deps: TravelerDeps, person: ActingPerson, id: string, input: unknown): Promise<Traveler> {
  // Another organization's traveler is "not found" whatever the body says.
  const current = await ownTraveler(deps, person, id);
  const body = parseOrThrow(UpdateTravelerSchema, input);
  const { next, issues } = applyTravelerUpdate(current, body, deps.clock.now());
  if (issues.length > 0) throw new ValidationError(issues);
  await deps.travelers.updateTraveler(current, next, [auditEntry(deps, next.updatedAt, person, 'traveler.updated', { type: 'traveler', id }, { fields: Object.keys(body).sort().join(',') })]);
  return next;
}

/** Deletes a traveler for good: its trips, their index items and its safety-check answers go with it. */
export async function deleteTraveler(deps: TravelerDeps, person: ActingPerson, id: string): Promise<void> {
  const traveler = await ownTraveler(deps, person, id);
  const now = deps.clock.now();
  await deps.travelers.deleteTraveler(traveler, [auditEntry(deps, now, person, 'traveler.deleted', { type: 'traveler', id })]);
  await deps.safetyChecks.forgetTraveler(id);
}

export async function listTravelers(deps: Pick<ServiceDeps, 'travelers'>, person: ActingPerson, limit: number, cursor?: string): Promise<Page<TravelerView>> {
  const page = await deps.travelers.listTravelers(person.orgId, limit, cursor);
  return { items: page.items.map(describeTraveler), cursor: page.cursor };
}

const EXPORT_PAGE = 200;

/** Every trip of a traveler, latest end first, as the API shows them (exports). */
export async function tripsOf(deps: Pick<ServiceDeps, 'travelers'>, traveler: Pick<Traveler, 'id' | 'orgId'>): Promise<ReturnType<typeof describeTrip>[]> {
  const trips: ReturnType<typeof describeTrip>[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.travelers.listTrips({ orgId: traveler.orgId, travelerId: traveler.id }, EXPORT_PAGE, cursor);
    trips.push(...page.items.map(describeTrip));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return trips;
}

/** Everything the organization holds about its travelers, with every trip (GET /v1/travelers/export); the export is audited. */
export async function exportTravelers(deps: Pick<ServiceDeps, 'travelers' | 'auditLog' | 'clock' | 'ids'>, person: ActingPerson) {
  const travelers: (TravelerView & { trips: ReturnType<typeof describeTrip>[] })[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.travelers.listTravelers(person.orgId, EXPORT_PAGE, cursor);
    for (const traveler of page.items) travelers.push({ ...describeTraveler(traveler), trips: await tripsOf(deps, traveler) });
    cursor = page.cursor ?? undefined;
  } while (cursor);
  const now = deps.clock.now();
  await deps.auditLog.record(auditEntry(deps, now, person, 'traveler.exported', { type: 'organization', id: person.orgId }, { travelers: travelers.length }));
  return { exportedAt: now, travelers };
}
