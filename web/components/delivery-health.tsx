import type { DeliveryHealth } from '../../shared/domain/delivery-health';
import { healthWords } from './delivery-words';
import { Time } from './format';

/**
 * A subscription's delivery health in words, so that it never rests on
 * colour alone: "Delivered — last at …", "Retrying: 3 attempts, the
 * endpoint answered HTTP 500 — last at …", "Gave up after 5 attempts: …",
 * or "No deliveries yet".
 */
export function DeliveryHealthText({ health }: { health: DeliveryHealth | undefined }) {
  if (!health) return <span class="health health-none">No deliveries yet</span>;
  const failing = health.consecutiveFailures > 0;
  return (
    <span class={failing ? 'health health-failing' : 'health health-ok'}>
      <strong>{healthWords(health)}</strong>
      {' — last at '}
      <Time iso={(failing ? health.lastFailureAt : health.lastSuccessAt) ?? health.lastAttemptAt} withTime />
    </span>
  );
}
