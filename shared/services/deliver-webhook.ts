import type { WebhookResult, WebhookSender } from '../ports/webhook-sender';
import type { Version } from '../domain/publication';
import type { ChannelSend, DeliveryConfig, DeliveryDeps, Recipient, SendResult } from './delivery-work';
import { runPool } from './run-pool';
import { renderWebhook, signWebhook } from './render-webhook';

/** Retry policy for one receive of a webhook delivery; SQS redelivery adds rounds on top. */
export interface WebhookRetryPolicy {
  /** Attempts within one receive. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

const DEFAULT_WEBHOOK_POLICY: WebhookRetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000, timeoutMs: 10_000 };

export interface WebhookDeps extends DeliveryDeps {
  webhooks: WebhookSender;
  policy?: WebhookRetryPolicy;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** 5xx, 408, 429 and network errors may succeed later; other statuses will not. */
export function isRetryable(result: WebhookResult): boolean {
  if (result.kind === 'network-error') return true;
  if (result.kind === 'refused') return false;
  return result.status >= 500 || result.status === 408 || result.status === 429;
}

/** Seconds, or an HTTP date, as `Retry-After` allows; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt-1))]. */
export function backoffMs(attempt: number, policy: WebhookRetryPolicy, random: () => number): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

function describe(result: WebhookResult): string {
  if (result.kind === 'response') return `http-${result.status}`;
  return `${result.kind}: ${result.reason}`;
}

/**
 * Posts each webhook of a batch, at most `concurrency` at once and
 * `perHostConcurrency` to one host, retrying retryable failures with
 * exponential backoff and full jitter (honouring `Retry-After` up to the
 * policy's cap; a longer wait is left to SQS redelivery). The body and the
 * `Outpost-Delivery` id are the same on every attempt and every redelivery;
 * each attempt is signed with its own timestamp. No attempt starts that
 * could outlast the invocation's deadline: that recipient is retried later.
 */
export function deliverWebhook(deps: WebhookDeps, config: Pick<DeliveryConfig, 'concurrency' | 'perHostConcurrency'>): ChannelSend {
  const policy = deps.policy ?? DEFAULT_WEBHOOK_POLICY;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const perHost = config.perHostConcurrency ?? config.concurrency;

  const post = async ({ subscription, deliveryId }: Recipient, version: Version, deadline: number): Promise<SendResult> => {
    if (!subscription.url || !subscription.secret) return { state: 'failed', reason: 'no-endpoint' };
    const body = renderWebhook(version, deliveryId, deps.clock.now(), deps.baseUrl);
    let last: WebhookResult | undefined;
    for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
      if (Date.now() + policy.timeoutMs > deadline) break;
      const t = Math.floor(Date.parse(deps.clock.now()) / 1000);
      last = await deps.webhooks.post({
        url: subscription.url,
        body,
        timeoutMs: policy.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Outpost-Webhooks/1',
          'Outpost-Signature': signWebhook(subscription.secret, body, t),
          'Outpost-Delivery': deliveryId,
        },
      });
      if (last.kind === 'response' && last.status >= 200 && last.status < 300) return { state: 'sent' };
      if (!isRetryable(last)) return { state: 'failed', reason: describe(last) };
      if (attempt === policy.attempts) break;
      const wanted = last.kind === 'response' ? retryAfterMs(last.retryAfter, Date.parse(deps.clock.now())) : undefined;
      if (wanted !== undefined && wanted > policy.maxDelayMs) break;
      await sleep(wanted ?? backoffMs(attempt, policy, random));
    }
    return { state: 'retry', reason: last ? describe(last) : 'not-attempted' };
  };

  return async (recipients, version, deadline) => {
    const results = new Map<string, SendResult>();
    // One lane of `perHost` sends per host, and no more than `concurrency` sends across them.
    const byHost = new Map<string, Recipient[]>();
    for (const recipient of recipients) {
      const host = hostOf(recipient.subscription.url);
      byHost.set(host, [...(byHost.get(host) ?? []), recipient]);
    }
    let inFlight = 0;
    const waiters: (() => void)[] = [];
    const slot = async () => {
      while (inFlight >= config.concurrency) await new Promise<void>((resolve) => waiters.push(resolve));
      inFlight += 1;
    };
    const release = () => {
      inFlight -= 1;
      waiters.shift()?.();
    };
    await Promise.all(
      [...byHost.values()].map((list) =>
        runPool(list, perHost, async (recipient) => {
          await slot();
          try {
            results.set(recipient.subscription.id, await post(recipient, version, deadline));
          } finally {
            release();
          }
        }),
      ),
    );
    return results;
  };
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
}
