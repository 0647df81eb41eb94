import type { SendRateProvider } from '../domain/channel';
import type { DeliveryDeps } from './delivery-work';

const BUCKET = 'send-rate';

/**
 * Waits until the provider's per-second rate has room for `units` sends,
 * and takes it. The rate's counter lives in the table (a one-second window
 * item per provider), so it holds across every concurrent worker; a batch
 * larger than the rate takes its units over several seconds.
 */
export async function acquireSendRate(deps: Pick<DeliveryDeps, 'rateLimits' | 'sendRates' | 'clock' | 'sleep'>, provider: SendRateProvider, units: number): Promise<void> {
  const limit = deps.sendRates[provider];
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let left = units; left > 0; ) {
    const take = Math.min(left, limit);
    const now = deps.clock.now();
    const decision = await deps.rateLimits.hit(BUCKET, provider, limit, 1, now, take);
    if (decision.allowed) {
      left -= take;
      continue;
    }
    // The window is full: wait for the next second (plus a little, so workers do not all retry at its first millisecond).
    const ms = Date.parse(now);
    await sleep(1000 - (ms % 1000) + Math.floor(Math.random() * 50));
  }
}
