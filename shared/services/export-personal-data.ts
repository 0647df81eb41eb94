import type { Subscription } from '../domain/subscription';
import { NotFoundError } from '../errors';
import { auditEntry, type ServiceDeps } from './deps';
import { LINK_PURPOSES, readLinkToken } from './subscription-links';

/** Everything held for one address: every field of every subscription except webhook secrets (addresses have none). */
export interface PersonalDataExport {
  address: string;
  subscriptions: Omit<Subscription, 'secret' | 'url'>[];
}

/** Reads the address a personal-data link was issued for, and every subscription held for it. */
export async function loadPersonalData(deps: ServiceDeps, token: string | undefined): Promise<{ address: string; subscriptions: Subscription[] } | undefined> {
  const anchorId = readLinkToken(deps, LINK_PURPOSES.personalData, token);
  const anchor = await deps.subscriptions.get(anchorId);
  if (!anchor?.address) return undefined;
  return { address: anchor.address, subscriptions: await deps.subscriptions.listByAddress(anchor.address) };
}

/** Opens a personal-data export link (FIPPs: individual participation). */
export async function exportPersonalData(deps: ServiceDeps, token: string | undefined): Promise<PersonalDataExport> {
  const held = await loadPersonalData(deps, token);
  if (!held) throw new NotFoundError('Personal data for this link (it may have been erased already)');
  const anchorId = readLinkToken(deps, LINK_PURPOSES.personalData, token);
  // Who read it is whoever holds the link: the entry names the link's anchor, never the address.
  await deps.auditLog.record(
    auditEntry(deps, deps.clock.now(), { system: 'personal-data-link' }, 'personal-data.exported', { type: 'subscription', id: anchorId }, { subscriptions: held.subscriptions.length }),
  );
  return {
    address: held.address,
    subscriptions: held.subscriptions.map((s) => {
      const copy: Subscription = { ...s };
      delete copy.secret;
      delete copy.url;
      return copy;
    }),
  };
}
