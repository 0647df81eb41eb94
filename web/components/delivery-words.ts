import type { ChannelDeliveryStatus } from '../../shared/services/deliver-status';

/**
 * Delivery state in plain words, one module for every page that shows it
 * (the console's delivery section, the portal's subscriptions), so the
 * same state reads the same everywhere: "Nobody matched", "Sending: 640 of
 * 1,240", failures as "connection refused" or "the server answered 500"
 * rather than codes.
 */

const count = (n: number) => n.toLocaleString('en-US');

function duration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A failure code (`http-500`, `timeout`, `connection-refused`, `opted-out` …) as a reader would say it. */
export function failureInWords(code: string | undefined): string {
  if (!code) return 'no reason recorded';
  const http = /^http-(\d{3})$/.exec(code);
  if (http) return `the server answered ${http[1]}`;
  const words: Record<string, string> = {
    timeout: 'no answer in time',
    ECONNREFUSED: 'connection refused',
    'connection-refused': 'connection refused',
    ENOTFOUND: 'address not found',
    ECONNRESET: 'connection dropped',
    'opted-out': 'the recipient opted out',
    bounced: 'the address bounced',
    complaint: 'the recipient reported it as spam',
    'outcome-unknown': 'the outcome was lost',
  };
  return words[code] ?? code.replace(/-/g, ' ');
}

/** One sentence for where a channel's fan-out of one version stands. */
export function describeFanOut(s: ChannelDeliveryStatus): string {
  const troubles = [s.failed ? `${count(s.failed)} failed` : '', s.deadLettered ? `${count(s.deadLettered)} gave up after retries` : '', s.held ? `${count(s.held)} held for quiet hours` : '']
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
