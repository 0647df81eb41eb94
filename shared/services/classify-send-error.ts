import { RecipientRejectedError } from '../errors';
import type { SendResult } from './delivery-work';

/** Permanent refusals end the delivery; anything else (throttling that outlived the adapter's retries, outages) is retried. */
export function classifySendError(error: unknown): Extract<SendResult, { state: 'failed' | 'retry' }> {
  if (error instanceof RecipientRejectedError) return { state: 'failed', reason: error.reason };
  const name = error instanceof Error ? error.name : 'non-error';
  return { state: 'retry', reason: `send-error: ${name}` };
}
