import type { SafetyStatus } from '../domain/safety-check';
import type { Subscription } from '../domain/subscription';
import { describeTraveler, type TravelerView } from '../domain/traveler';
import type { Segment } from '../domain/trip';
import { NotFoundError } from '../errors';
import { auditEntry, type ServiceDeps } from './deps';
import { loadPersonalData } from './load-personal-data';
import { tripsOf } from './travelers';

/** A traveler record holding the address, as its owner sees it: the organization by its display name only. */
export interface ExportedTraveler extends TravelerView {
  organization: string;
  trips: { id: string; segments: Segment[]; endsOn: string; createdAt: string }[];
  safetyChecks: { checkId: string; askedAt: string; status: SafetyStatus; respondedAt?: string; channel?: string }[];
}

/** A site contact entry holding the address. */
export interface ExportedSiteContact {
  organization: string;
  site: { id: string; name: string; country: string };
  contact: { email?: string | undefined; phone?: string | undefined };
}

/** Everything held for one address: every subscription (but webhook fields, which addresses have none), traveler record, site contact entry and organization security contact. */
export interface PersonalDataExport {
  address: string;
  subscriptions: Omit<Subscription, 'secret' | 'url'>[];
  travelers: ExportedTraveler[];
  siteContacts: ExportedSiteContact[];
  /** Organizations that tell this address at once when one of their travelers needs help. */
  securityContacts: { organization: string }[];
}

type ExportDeps = Parameters<typeof loadPersonalData>[0] & Pick<ServiceDeps, 'directory' | 'safetyChecks' | 'auditLog' | 'ids'>;

/** Opens a personal-data export link (FIPPs: individual participation); the export is audited without the address. */
export async function exportPersonalData(deps: ExportDeps, token: string | undefined): Promise<PersonalDataExport> {
  const held = await loadPersonalData(deps, token);
  if (!held) throw new NotFoundError('Personal data for this link (it may have been erased already)');
  const names = new Map<string, Promise<string>>();
  const organization = (orgId: string) => {
    if (!names.has(orgId)) names.set(orgId, deps.directory.getOrganization(orgId).then((o) => o?.name ?? 'A member organization'));
    return names.get(orgId)!;
  };
  const travelers = await Promise.all(
    held.travelers.map(async (traveler): Promise<ExportedTraveler> => {
      const [org, trips, responses] = await Promise.all([organization(traveler.orgId), tripsOf(deps, traveler), deps.safetyChecks.responsesOf(traveler.id)]);
      return {
        ...describeTraveler(traveler),
        organization: org,
        // Who at the organization entered a trip is the organization's business, not the traveler's data.
        trips: trips.map(({ id, segments, endsOn, createdAt }) => ({ id, segments, endsOn, createdAt })),
        safetyChecks: responses.map((r) => ({ checkId: r.checkId, askedAt: r.askedAt, status: r.status, ...(r.respondedAt ? { respondedAt: r.respondedAt } : {}), ...(r.channel ? { channel: r.channel } : {}) })),
      };
    }),
  );
  const siteContacts: ExportedSiteContact[] = [];
  for (const site of held.sites) {
    const org = await organization(site.orgId);
    for (const contact of site.contacts.filter((c) => c.email === held.address || c.phone === held.address)) {
      siteContacts.push({ organization: org, site: { id: site.id, name: site.name, country: site.country }, contact: { ...contact } });
    }
  }
  const securityContacts = await Promise.all(held.securityContactOf.map(async (orgId) => ({ organization: await organization(orgId) })));
  // Who read it is whoever holds the link: the entry names the link, never the address.
  await deps.auditLog.record(
    auditEntry(deps, deps.clock.now(), { system: 'personal-data-link' }, 'personal-data.exported', held.anchor, { subscriptions: held.subscriptions.length, travelers: travelers.length, siteContacts: siteContacts.length, securityContacts: securityContacts.length }),
  );
  return {
    address: held.address,
    subscriptions: held.subscriptions.map((s) => {
      const copy: Subscription = { ...s };
      delete copy.secret;
      delete copy.url;
      return copy;
    }),
    travelers,
    siteContacts,
    securityContacts,
  };
}
