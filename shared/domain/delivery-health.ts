import * as z from 'zod';

/**
 * How deliveries to one subscription have gone, across every publication:
 * counters and the latest outcome. Written when a delivery settles; holds
 * codes and instants only, never an address or a response body.
 */
export interface DeliveryHealth {
  subscriptionId: string;
  /** Deliveries the provider or receiver accepted. */
  sent: number;
  /** Deliveries refused for good (opted out, 4xx webhook, outcome lost to a crash). */
  failed: number;
  /** Deliveries whose last SQS receive failed too. */
  deadLettered: number;
  /** Attempt rounds that failed transiently and were left to a retry. */
  retried: number;
  /** Failed, retried or dead-lettered rounds since the last success; 0 after a success. */
  consecutiveFailures: number;
  lastAttemptAt: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  /** A short code such as `http-500`, `timeout` or `opted-out`. */
  lastFailureReason?: string;
  /** How the latest delivery settled: still being retried, refused for good, given up after every retry, or sent. */
  lastOutcome?: HealthOutcome;
}

/** The outcome of one settled delivery, as health counts it. */
export type HealthOutcome = 'sent' | 'failed' | 'retrying' | 'dead-lettered';

/**
 * Reduces a delivery's recorded reason to a short code fit to show to the
 * subscribing organization: `network-error: timeout` → `timeout`,
 * `http-503` stays, `outcome-unknown: the worker stopped…` → `outcome-unknown`.
 */
export function healthReasonCode(reason: string): string {
  const network = /^network-error: ([\w.-]+)$/.exec(reason);
  const code = network ? network[1]! : (reason.split(':', 1)[0] ?? reason);
  return code.replace(/[^\w.-]/g, '-').slice(0, 64) || 'unknown';
}

export const DeliveryHealthViewSchema = z
  .object({
    status: z.enum(['healthy', 'failing']).describe('`failing` while the latest delivery attempts failed (consecutiveFailures > 0)'),
    sent: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    deadLettered: z.number().int().nonnegative(),
    retried: z.number().int().nonnegative(),
    consecutiveFailures: z.number().int().nonnegative(),
    lastAttemptAt: z.string(),
    lastSuccessAt: z.string().nullable(),
    lastFailureAt: z.string().nullable(),
    lastFailureReason: z.string().nullable().describe('A code such as `http-500`, `timeout` or `opted-out`'),
  })
  .describe('Delivery health across all publications; absent until the first delivery to the subscription settles');
export type DeliveryHealthView = z.infer<typeof DeliveryHealthViewSchema>;

/** The health of a subscription as the API shows it. */
export function describeHealth(health: DeliveryHealth): DeliveryHealthView {
  return {
    status: health.consecutiveFailures > 0 ? 'failing' : 'healthy',
    sent: health.sent,
    failed: health.failed,
    deadLettered: health.deadLettered,
    retried: health.retried,
    consecutiveFailures: health.consecutiveFailures,
    lastAttemptAt: health.lastAttemptAt,
    lastSuccessAt: health.lastSuccessAt ?? null,
    lastFailureAt: health.lastFailureAt ?? null,
    lastFailureReason: health.lastFailureReason ?? null,
  };
}
