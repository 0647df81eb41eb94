import type { Site } from '../domain/site';
import { applyTravelerUpdate, type Traveler } from '../domain/traveler';
import { auditEntry, type ServiceDeps } from './deps';
import { loadPersonalData } from './load-personal-data';

/** What an erasure changed; `erased` counts every record the address was removed from. */
export interface ErasureResult {
  erased: number;
  subscriptions: number;
  /** Travelers deleted (the erased address was their only one) and travelers that keep another address. */
  travelers: { deleted: number; updated: number };
  /** Safety-check answers kept in their checks' counts without the deleted travelers' names or links. */
  safetyCheckAnswers: number;
  /** Site contact entries the address was removed from. */
  siteContacts: number;
  /** Organizations whose security contacts no longer name the address. */
  securityContacts: number;
}

const ERASURE = { system: 'personal-data-erasure' } as const;

type EraseDeps = Parameters<typeof loadPersonalData>[0] & Pick<ServiceDeps, 'safetyChecks' | 'organizationSettings' | 'ids'>;

/** A site's contacts without `address`: an entry keeps its other address, and goes when it had none. */
function contactsWithout(site: Site, address: string): { contacts: Site['contacts']; changed: number } {
  let changed = 0;
  const contacts = site.contacts.flatMap((contact) => {
    if (contact.email !== address && contact.phone !== address) return [contact];
    changed += 1;
    const rest = { ...contact };
    if (rest.email === address) delete rest.email;
    if (rest.phone === address) delete rest.phone;
    return rest.email !== undefined || rest.phone !== undefined ? [rest] : [];
  });
  return { contacts, changed };
}

/** Removes the address from a traveler: the traveler goes (trips, index items) when it was the only one, its answers anonymised; otherwise it keeps the other. */
async function eraseFromTraveler(deps: EraseDeps, traveler: Traveler, address: string): Promise<{ deleted: boolean; answers: number }> {
  const now = deps.clock.now();
  const field = traveler.email === address ? 'email' : 'phone';
  const other = field === 'email' ? traveler.phone : traveler.email;
  if (other !== undefined) {
    const { next } = applyTravelerUpdate(traveler, { [field]: null }, now);
    await deps.travelers.updateTraveler(traveler, next, [auditEntry(deps, now, ERASURE, 'traveler.address-erased', { type: 'traveler', id: traveler.id }, { field }, traveler.orgId)]);
    return { deleted: false, answers: 0 };
  }
  // Answers first: a failure after them leaves the traveler for the link's next use to finish, never answers naming a deleted traveler.
  const answers = await deps.safetyChecks.anonymiseTraveler(traveler.id);
  await deps.travelers.deleteTraveler(traveler, [auditEntry(deps, now, ERASURE, 'traveler.erased', { type: 'traveler', id: traveler.id }, { field }, traveler.orgId)]);
  return { deleted: true, answers };
}

/**
 * Opens a personal-data erase link: the address is removed from every record
 * that holds it, and nothing else is lost. Subscriptions of the address are
 * deleted with their index and address items; a traveler whose only address
 * it was is deleted with its trips and their match-index items, its
 * safety-check answers kept anonymised (the checks' counts do not change); a
 * traveler with another address keeps it; a site contact entry loses the
 * address, and goes when it had no other; an organization's security
 * contacts lose it (with none left, "need help" goes to all its people). Each change is audited for the
 * organization it concerns, naming ids and fields, never the address.
 * Idempotent: a second call erases nothing and says so.
 */
export async function erasePersonalData(deps: EraseDeps, token: string | undefined): Promise<ErasureResult> {
  const result: ErasureResult = { erased: 0, subscriptions: 0, travelers: { deleted: 0, updated: 0 }, safetyCheckAnswers: 0, siteContacts: 0, securityContacts: 0 };
  const held = await loadPersonalData(deps, token);
  if (!held) return result;
  for (const subscription of held.subscriptions) {
    const audit = [auditEntry(deps, deps.clock.now(), ERASURE, 'subscription.erased', { type: 'subscription', id: subscription.id }, { channel: subscription.channel, status: subscription.status }, subscription.orgId)];
    await deps.subscriptions.delete(subscription.id, audit);
    result.subscriptions += 1;
  }
  for (const traveler of held.travelers) {
    const { deleted, answers } = await eraseFromTraveler(deps, traveler, held.address);
    if (deleted) result.travelers.deleted += 1;
    else result.travelers.updated += 1;
    result.safetyCheckAnswers += answers;
  }
  for (const site of held.sites) {
    const { contacts, changed } = contactsWithout(site, held.address);
    await deps.sites.replaceContacts(site, contacts, [auditEntry(deps, deps.clock.now(), ERASURE, 'site.contacts-erased', { type: 'site', id: site.id }, { contacts: changed }, site.orgId)]);
    result.siteContacts += changed;
  }
  for (const orgId of held.securityContactOf) {
    const settings = await deps.organizationSettings.getSettings(orgId);
    const next = { ...settings, securityContacts: settings.securityContacts.filter((a) => a !== held.address) };
    await deps.organizationSettings.putSettings(orgId, next, [auditEntry(deps, deps.clock.now(), ERASURE, 'organization.security-contact-erased', { type: 'organization', id: orgId }, { securityContacts: next.securityContacts.length }, orgId)]);
    result.securityContacts += 1;
  }
  // Last: until everything above is done, the link still works to finish it.
  await deps.personalDataRequests.deleteForAddress(held.address);
  result.erased = result.subscriptions + result.travelers.deleted + result.travelers.updated + held.sites.length + result.securityContacts;
  return result;
}
