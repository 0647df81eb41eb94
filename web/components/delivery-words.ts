import type { DeliveryHealth } from '../../shared/domain/delivery-health';
import type { ChannelDeliveryStatus } from '../../shared/services/deliver-status';

/**
 * Delivery state and outcomes in plain words, one module for every page
 * that shows them (the console's delivery section, the portal's
 * subscriptions and health), so the same state reads the same everywhere:
 * "Nobody matched", "Sending: 640 of 1,240", "Retrying: 3 attempts,
 * connection refused", "Gave up after 5 attempts: the endpoint answered
 * HTTP 500", never codes.
 */

const REASONS: Record<string, string> = {
  timeout: 'timed out',
  ETIMEDOUT: 'timed out',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'address not found',
  EAI_AGAIN: 'address lookup failed',
  'opted-out': 'the number replied STOP',
  bounced: 'the address bounced',
  complained: 'marked as spam',
  'outcome-unknown': 'the outcome was lost',
  'no-endpoint': 'no endpoint',
  refused: 'the address is not allowed',
};

/** A failure reason code (`http-500`, `timeout`, `opted-out`) as words: "the endpoint answered HTTP 500". */
export function failureWords(reason: string | undefined): string {
  if (!reason) return 'unknown reason';
  const http = /^http-(\d{3})$/.exec(reason);
  if (http) return `the endpoint answered HTTP ${http[1]}`;
  return REASONS[reason] ?? reason.replace(/-/g, ' ');
}

const attempts = (n: number) => `${n} ${n === 1 ? 'attempt' : 'attempts'}`;

/**
 * Where deliveries to one subscription stand, from its health: "Retrying:
 * 3 attempts, connection refused" while a retry is due, "Gave up after 5
 * attempts: …" once the last retry failed, "Refused: …" when the receiver
 * refused for good (nothing is retried), "Delivered" after a success.
 */
export function healthWords(health: DeliveryHealth): string {
  const reason = failureWords(health.lastFailureReason);
  if (health.consecutiveFailures === 0) return 'Delivered';
  if (health.lastOutcome === 'dead-lettered') return `Gave up after ${attempts(health.consecutiveFailures)}: ${reason}`;
  if (health.lastOutcome === 'failed') return `Refused: ${reason}`;
  return `Retrying: ${attempts(health.consecutiveFailures)}, ${reason}`;
}

const count = (n: number) => n.toLocaleString('en-US');

function duration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** One sentence for where a channel's fan-out of one version stands. */
export function describeFanOut(s: ChannelDeliveryStatus): string {
  const troubles = [s.failed ? `${count(s.failed)} refused` : '', s.deadLettered ? `${count(s.deadLettered)} gave up after every retry` : '', s.held ? `${count(s.held)} held for quiet hours` : '']
    .filter(Boolean)
    .join(', ');
  const extra = troubles ? `; ${troubles}` : '';
  if (s.state === 'planning') return 'Starting: finding the subscribers…';
  if (s.state === 'sending') {
    const reading = s.partsDone < s.partsPlanned ? ' matched so far' : '';
    return `Sending: ${count(s.sent + s.failed + s.deadLettered + s.held)} of ${count(s.matched)}${reading}${extra}`;
  }
  if (s.matched === 0) return 'Nobody matched';
  return `Done: ${count(s.sent)} sent${extra}${s.durationMs !== undefined ? `, ${duration(s.durationMs)} from publishing to the last delivery` : ''}`;
}
