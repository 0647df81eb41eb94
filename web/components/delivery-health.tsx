import type { DeliveryHealth } from '../../shared/domain/delivery-health';
import { failingWords } from './delivery-words';
import { Time } from './format';

/**
 * A subscription's delivery health in words, so that it never rests on
 * colour alone: "Healthy — last delivered …", "Retrying: 3 attempts failed,
 * the endpoint answered HTTP 500 — last at …", or "No deliveries yet".
 */
export function DeliveryHealthText({ health }: { health: DeliveryHealth | undefined }) {
  if (!health) return <span class="health health-none">No deliveries yet</span>;
  if (health.consecutiveFailures > 0) {
    return (
      <span class="health health-failing">
        <strong>{failingWords(health.consecutiveFailures, health.lastFailureReason)}</strong>
        {' — last at '}
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
