import { auditEntry, type ServiceDeps } from './deps';
import { loadPersonalData } from './export-personal-data';

/**
 * Opens a personal-data erase link: every subscription held for the address
 * is deleted for good, with its index and address items. The audit entries
 * name subscription ids only, never the address. Idempotent: a second call
 * erases nothing and says so.
 */
export async function erasePersonalData(deps: ServiceDeps, token: string | undefined): Promise<{ erased: number }> {
  const held = await loadPersonalData(deps, token);
  if (!held) return { erased: 0 };
  for (const subscription of held.subscriptions) {
    const now = deps.clock.now();
    const audit = [auditEntry(deps, now, { system: 'personal-data-erasure' }, 'subscription.erased', { type: 'subscription', id: subscription.id }, { channel: subscription.channel, status: subscription.status }, subscription.orgId)];
    await deps.subscriptions.delete(subscription.id, audit);
  }
  return { erased: held.subscriptions.length };
}
