import { CreateSafetyCheckSchema, DEFAULT_REMINDERS, describeSafetyCheck, MAX_SAFETY_CHECK_TRAVELERS, type SafetyCheck, type SafetyResponse } from '../domain/safety-check';
import type { Viewer } from '../domain/sharing';
import { dayOf, exposureWindow } from '../domain/trip';
import { parseOrThrow } from '../domain/validation';
import { NotFoundError, ValidationError } from '../errors';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { exposedTravelers, visibleVersion } from './read-exposure';
import { sendFirstMessages } from './safety-messages';
import { randomCode } from './travelers';

/** How long the API sends first messages itself before leaving the rest to the scheduler (well inside its 15 s timeout). */
const API_SEND_MS = 8_000;

const MINUTE_MS = 60_000;

type SafetyDeps = Pick<ServiceDeps, 'safetyChecks' | 'travelers' | 'publications' | 'directory' | 'email' | 'sms' | 'clock' | 'ids' | 'baseUrl'>;

/**
 * POST /v1/safety-checks: asks every traveler of the organization exposed
 * to a publication (in its countries during its window), or in the given
 * countries today, whether they are safe. The check and one response per
 * traveler are written first; then the first messages go out, each once,
 * for up to 8 s (the scheduler sends whatever is left within a minute).
 */
export async function startSafetyCheck(deps: SafetyDeps, person: ActingPerson, viewer: Viewer, input: unknown): Promise<{ check: SafetyCheck; sent: number; pending: number }> {
  const body = parseOrThrow(CreateSafetyCheckSchema, input);
  const now = deps.clock.now();
  let countries: string[];
  let window;
  if (body.publicationId) {
    let version;
    try {
      version = await visibleVersion(deps, viewer, body.publicationId);
    } catch (error) {
      if (error instanceof NotFoundError) throw new ValidationError([{ path: 'publicationId', message: 'is not a published publication you can see' }]);
      throw error;
    }
    countries = version.content.countries;
    window = exposureWindow(version, now);
  } else {
    countries = body.countries!;
    window = { start: dayOf(now), end: dayOf(now) };
  }
  const exposed = await exposedTravelers(deps, person.orgId, countries, window);
  if (exposed.length > MAX_SAFETY_CHECK_TRAVELERS) {
    throw new ValidationError([{ path: body.publicationId ? 'publicationId' : 'countries', message: `reaches ${exposed.length} travelers; a check asks at most ${MAX_SAFETY_CHECK_TRAVELERS}: name fewer countries` }]);
  }
  const reminders = body.reminders ?? DEFAULT_REMINDERS;
  const check: SafetyCheck = {
    id: deps.ids.next(),
    orgId: person.orgId,
    createdAt: now,
    createdBy: person.personId,
    ...(body.publicationId ? { publicationId: body.publicationId } : {}),
    countries,
    message: body.message,
    channels: body.channels ?? ['email', 'sms'],
    reminderMinutes: reminders.everyMinutes,
    maxReminders: reminders.max,
    remindersSent: 0,
    ...(reminders.max > 0 ? { remindAt: new Date(Date.parse(now) + reminders.everyMinutes * MINUTE_MS).toISOString() } : {}),
    travelers: exposed.length,
  };
  const responses: SafetyResponse[] = exposed.map((t) => ({ checkId: check.id, travelerId: t.travelerId, name: t.name, token: randomCode(16), status: 'no-response', reminders: 0 }));
  const details = { travelers: responses.length, countries: countries.join(','), channels: check.channels.join(','), ...(body.publicationId ? { publicationId: body.publicationId } : {}) };
  await deps.safetyChecks.create(check, responses, [auditEntry(deps, now, person, 'safety-check.created', { type: 'safety-check', id: check.id }, details)]);
  const { sent, left } = await sendFirstMessages(deps, check, responses, Date.now() + API_SEND_MS);
  // Out of time: due now, so the scheduler's next run (within a minute) sends the rest.
  if (left) await deps.safetyChecks.advanceReminders(check, { remindersSent: 0, remindAt: now });
  return { check, sent, pending: left ? responses.length - sent : 0 };
}

/** GET /v1/safety-checks/{id}: the check with every traveler's answer and the counts; another organization's is not found. */
export async function readSafetyCheck(deps: Pick<ServiceDeps, 'safetyChecks'>, person: ActingPerson, id: string) {
  const check = await deps.safetyChecks.get(id);
  if (!check || check.orgId !== person.orgId) throw new NotFoundError('Safety check');
  return describeSafetyCheck(check, await deps.safetyChecks.responses(id));
}

/** GET /v1/safety-checks: the organization's checks, newest first. */
export async function listSafetyChecks(deps: Pick<ServiceDeps, 'safetyChecks'>, person: ActingPerson, limit: number, cursor?: string) {
  const page = await deps.safetyChecks.listByOrganization(person.orgId, limit, cursor);
  return {
    items: page.items.map((c) => ({ id: c.id, createdAt: c.createdAt, publicationId: c.publicationId ?? null, countries: c.countries, message: c.message, travelers: c.travelers })),
    cursor: page.cursor,
  };
}
