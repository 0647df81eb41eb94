/**
 * Delivery outcomes in plain words, for the portal (the console words its
 * fan-out in delivery-status.tsx): one module, so the pages can share one
 * wording function when there is one for every page.
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

/** "Retrying: 3 attempts, connection refused" while failing. */
export function failingWords(consecutiveFailures: number, reason: string | undefined): string {
  return `Retrying: ${consecutiveFailures} ${consecutiveFailures === 1 ? 'attempt' : 'attempts'} failed, ${failureWords(reason)}`;
}
