import { InvalidLinkError } from '../errors';
import { auditEntry, type ServiceDeps } from './deps';

/** A stop code: 10 lower-case Crockford base32 characters (`randomCode(10)`). */
const STOP_CODE = /^[0-9a-hjkmnp-tv-z]{10}$/;

type StopDeps = Pick<ServiceDeps, 'travelers' | 'directory' | 'clock' | 'ids'>;

async function travelerOf(deps: Pick<StopDeps, 'travelers'>, code: string | undefined) {
  const traveler = code && STOP_CODE.test(code) ? await deps.travelers.getTravelerByStopCode(code) : undefined;
  if (!traveler) throw new InvalidLinkError();
  return traveler;
}

/** What the stop page shows for a code (GET /t/{code}: changes nothing): the organization, and whether alerts are stopped already. */
export async function previewStopAlerts(deps: StopDeps, code: string | undefined): Promise<{ orgName: string; stopped: boolean }> {
  const traveler = await travelerOf(deps, code);
  const orgName = (await deps.directory.getOrganization(traveler.orgId))?.name ?? 'Your organization';
  return { orgName, stopped: traveler.alertsStoppedAt !== undefined };
}

/**
 * POST /t/{code}: the traveler stops the automatic alerts their
 * organization's trips bring them. Safety checks still reach them (their
 * organization's duty of care); the organization sees `alertsStopped`.
 */
export async function stopTravelerAlerts(deps: StopDeps, code: string | undefined): Promise<{ orgName: string }> {
  const traveler = await travelerOf(deps, code);
  const orgName = (await deps.directory.getOrganization(traveler.orgId))?.name ?? 'Your organization';
  if (traveler.alertsStoppedAt !== undefined) return { orgName };
  const now = deps.clock.now();
  const next = { ...traveler, alertsStoppedAt: now, updatedAt: now };
  await deps.travelers.updateTraveler(traveler, next, [auditEntry(deps, now, { system: 'traveler-link' }, 'traveler.alerts-stopped', { type: 'traveler', id: traveler.id }, undefined, traveler.orgId)]);
  return { orgName };
}
