import { applySettingsUpdate, UpdateOrganizationSettingsSchema, type OrganizationSettings } from '../domain/organization-settings';
import { parseOrThrow } from '../domain/validation';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';

/** The caller's organization's duty-of-care settings. */
export function readOrganizationSettings(deps: Pick<ServiceDeps, 'organizationSettings'>, person: ActingPerson): Promise<OrganizationSettings> {
  return deps.organizationSettings.getSettings(person.orgId);
}

/** PATCH /v1/organizations/me: replaces the settings it names; the change is audited (never the contacts' addresses). */
export async function updateOrganizationSettings(deps: Pick<ServiceDeps, 'organizationSettings' | 'clock' | 'ids'>, person: ActingPerson, input: unknown): Promise<OrganizationSettings> {
  const body = parseOrThrow(UpdateOrganizationSettingsSchema, input);
  const next = applySettingsUpdate(await deps.organizationSettings.getSettings(person.orgId), body);
  const details = {
    fields: Object.keys(body).sort().join(','),
    minLevel: next.travelerAlerts.minLevel,
    kinds: next.travelerAlerts.kinds.join(','),
    securityContacts: next.securityContacts.length,
    tripRetentionDays: next.tripRetentionDays,
  };
  await deps.organizationSettings.putSettings(person.orgId, next, [auditEntry(deps, deps.clock.now(), person, 'organization.settings-updated', { type: 'organization', id: person.orgId }, details)]);
  return next;
}
