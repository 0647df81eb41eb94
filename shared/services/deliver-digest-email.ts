import type { Version } from '../domain/publication';
import type { DeliveryDeps, SendResult } from './delivery-work';
import type { DigestSend } from './deliver-digest-part';
import type { EmailDeliveryDeps } from './deliver-email';
import { alertEmailDestination } from './render-email';
import { renderDigestTemplate } from './render-digest';
import { manageLink, unsubscribeLink } from './subscription-links';

const keyOf = (items: readonly Version[]) => items.map((v) => `${v.id}#${v.version}`).join(',');

/**
 * Sends a batch of digests by email: recipients whose digests list the same
 * items share one rendering and one bulk call, as alerts do; each still
 * gets its own manage and unsubscribe links. A recipient left with nothing
 * to list (its filters changed since the chunk was made) fails rather than
 * getting an empty digest.
 */
export function deliverDigestEmail(deps: EmailDeliveryDeps & Pick<DeliveryDeps, 'baseUrl'>): DigestSend {
  return async (frequency, batch) => {
    const results = new Map<string, SendResult>();
    const groups = new Map<string, { items: readonly Version[]; members: typeof batch }>();
    for (const entry of batch) {
      const { subscription } = entry.recipient;
      if (!subscription.address) results.set(subscription.id, { state: 'failed', reason: 'no-address' });
      else if (entry.items.length === 0) results.set(subscription.id, { state: 'failed', reason: 'nothing-new' });
      else {
        const key = keyOf(entry.items);
        const group = groups.get(key) ?? { items: entry.items, members: [] };
        groups.set(key, { ...group, members: [...group.members, entry] });
      }
    }
    for (const { items, members } of groups.values()) {
      const template = renderDigestTemplate(frequency, items, deps.baseUrl);
      const destinations = members.map(({ recipient: { subscription } }) =>
        alertEmailDestination(subscription.address!, { manageUrl: manageLink(deps, subscription), unsubscribeUrl: unsubscribeLink(deps, subscription) }),
      );
      const sent = await deps.email.sendBulkEmail({ template, destinations });
      members.forEach(({ recipient: { subscription } }, i) => {
        const result = sent[i];
        results.set(
          subscription.id,
          result?.status === 'sent' ? { state: 'sent' } : result?.status === 'rejected' ? { state: 'failed', reason: result.reason } : { state: 'retry', reason: result?.reason ?? 'no-result' },
        );
      });
    }
    return results;
  };
}
