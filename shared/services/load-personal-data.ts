import type { Site } from '../domain/site';
import type { Subscription } from '../domain/subscription';
import type { Traveler } from '../domain/traveler';
import type { ServiceDeps } from './deps';
import { LINK_PURPOSES, PERSONAL_DATA_REQUEST_SUBJECT, readLinkToken } from './subscription-links';

/** Every record that holds one address: subscriptions, travelers of any organization, sites whose contacts name it, organizations whose security contacts name it. */
export interface HeldPersonalData {
  address: string;
  subscriptions: Subscription[];
  travelers: Traveler[];
  sites: Site[];
  /** Ids of the organizations whose duty-of-care security contacts name the address. */
  securityContactOf: string[];
}

/** What the audit names as the link that was used: its request, or for an older link its anchor subscription. */
export type PersonalDataAnchor = { type: 'personal-data-request' | 'subscription'; id: string };

type HoldingDeps = Pick<ServiceDeps, 'subscriptions' | 'travelers' | 'sites' | 'organizationSettings'>;

/** Every record holding `address` (normalized: a lower-cased email address or an E.164 number), found through address items only. */
export async function findPersonalData(deps: HoldingDeps, address: string): Promise<HeldPersonalData> {
  const [subscriptions, travelers, sites, securityContactOf] = await Promise.all([
    deps.subscriptions.listByAddress(address),
    deps.travelers.findTravelersByAddress(address),
    deps.sites.findByAddress(address),
    deps.organizationSettings.findByContact(address),
  ]);
  return { address, subscriptions, travelers, sites, securityContactOf };
}

/** Whether anything at all is held. */
export function holdsAnything(held: HeldPersonalData): boolean {
  return held.subscriptions.length + held.travelers.length + held.sites.length + held.securityContactOf.length > 0;
}

/**
 * Reads the address a personal-data link was issued for, and every record
 * held for it; undefined when the address was erased since (or the link's
 * request is gone). A bad or expired token is an InvalidLinkError or
 * ExpiredLinkError.
 */
export async function loadPersonalData(deps: HoldingDeps & Pick<ServiceDeps, 'personalDataRequests' | 'links' | 'clock'>, token: string | undefined): Promise<(HeldPersonalData & { anchor: PersonalDataAnchor }) | undefined> {
  const subject = readLinkToken(deps, LINK_PURPOSES.personalData, token);
  let anchor: PersonalDataAnchor;
  let address: string | undefined;
  if (subject.startsWith(PERSONAL_DATA_REQUEST_SUBJECT)) {
    anchor = { type: 'personal-data-request', id: subject.slice(PERSONAL_DATA_REQUEST_SUBJECT.length) };
    address = (await deps.personalDataRequests.get(anchor.id, deps.clock.now()))?.address;
  } else {
    // A link sent before links named requests names one of the address's subscriptions (such links last a day).
    anchor = { type: 'subscription', id: subject };
    address = (await deps.subscriptions.get(subject))?.address;
  }
  if (!address) return undefined;
  return { ...(await findPersonalData(deps, address)), anchor };
}
