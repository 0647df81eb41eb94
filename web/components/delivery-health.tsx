import type { DeliveryHealth } from '../../shared/domain/delivery-health';
import { failureInWords } from './delivery-words';
import { Time } from './format';

/**
 * A subscription's delivery health in words, so that it never rests on
 * colour alone: "Healthy — last delivered …", "Failing — 3 consecutive
 * failures, last: the server answered 500 at …", or "No deliveries yet".
 */
export function DeliveryHealthText({ health }: { health: DeliveryHealth | undefined }) {
  if (!health) return <span class="health health-none">No deliveries yet</span>;
  if (health.consecutiveFailures > 0) {
    const n = health.consecutiveFailures;
    return (
      <span class="health health-failing">
        <strong>Failing</strong>
        {` — ${n} consecutive ${n === 1 ? 'failure' : 'failures'}, last: ${failureInWords(health.lastFailureReason)} at `}
        <Time iso={health.lastFailureAt ?? health.lastAttemptAt} withTime />
      </span>
    );
  }
  return (
    <span class="health health-ok">
      <strong>Healthy</strong>
      {' — last delivered '}
      <Time iso={health.lastSuccessAt ?? health.lastAttemptAt} withTime />
    </span>
  );
}
