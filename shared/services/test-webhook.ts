import { ValidationError } from '../errors';
import type { WebhookResult, WebhookSender } from '../ports/webhook-sender';
import type { ActingPerson, ServiceDeps } from './deps';
import { readOrganizationSubscription } from './list-subscriptions';
import { signWebhook } from './render-webhook';

/** How a test delivery went, in words a member reads beside the webhook. */
export interface TestDeliveryOutcome {
  delivered: boolean;
  /** "Delivered: the endpoint answered 204." / "Not delivered: the endpoint answered 500." */
  words: string;
}

function outcomeOf(result: WebhookResult): TestDeliveryOutcome {
  if (result.kind === 'response') {
    const delivered = result.status >= 200 && result.status < 300;
    return { delivered, words: `${delivered ? 'Delivered' : 'Not delivered'}: the endpoint answered HTTP ${result.status}.` };
  }
  if (result.kind === 'refused') return { delivered: false, words: `Not delivered: Outpost does not send to that address (${result.reason}).` };
  return { delivered: false, words: `Not delivered: could not reach the endpoint (${result.reason}).` };
}

/**
 * Sends one of the organization's webhooks a signed test delivery (`type:
 * "test"`), signed and sent exactly as a real one, once, without retries, so
 * its owner can check the endpoint and its signature check. Nothing is
 * recorded as a delivery.
 */
export async function sendTestWebhook(deps: Pick<ServiceDeps, 'subscriptions' | 'clock' | 'ids'> & { webhooks: WebhookSender }, actor: ActingPerson, id: string): Promise<TestDeliveryOutcome> {
  const subscription = await readOrganizationSubscription(deps, actor, id);
  if (subscription.channel !== 'webhook' || !subscription.url || !subscription.secret) throw new ValidationError([{ path: 'id', message: 'Only a webhook can be sent a test delivery.' }]);
  const now = deps.clock.now();
  const deliveryId = `test-${deps.ids.next()}`;
  const body = JSON.stringify({ id: deliveryId, type: 'test', createdAt: now, message: 'A test delivery from Outpost: your endpoint is reachable and can check the signature.' });
  const result = await deps.webhooks.post({
    url: subscription.url,
    body,
    timeoutMs: 10_000,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Outpost-Webhooks/1',
      'Outpost-Signature': signWebhook(subscription.secret, body, Math.floor(Date.parse(now) / 1000)),
      'Outpost-Delivery': deliveryId,
    },
  });
  return outcomeOf(result);
}
