import measured from '../../bench/fan-out-measured.json' with { type: 'json' };
import type { Channel } from '../../shared/domain/channel';
import { DEFAULT_QUOTAS, workerConcurrency, type MeasuredCosts } from './model';

/** The account's provider rates a deployment states (context `sesSendRate`, `smsSendRate`). */
export interface SendRates {
  /** SES maximum send rate, messages a second. */
  readonly sesPerSecond: number;
  /** SMS messages a second across the account's origination identities. */
  readonly smsPerSecond: number;
}

/**
 * The `maxConcurrency` of a delivery channel's SQS trigger: the capacity
 * model's worker concurrency (enough workers to keep the provider's rate
 * busy, with half again for slow calls, within what Lambda leaves the
 * channel) from the per-delivery costs the fan-out bench measured and the
 * deployment's send rates; the other quotas are AWS's defaults.
 */
export function deliveryTriggerConcurrency(channel: Channel, rates: SendRates): number {
  return workerConcurrency(channel, measured as MeasuredCosts, { ...DEFAULT_QUOTAS, ...rates });
}
