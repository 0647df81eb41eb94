import { PhoneNumberSchema } from '../domain/phone';
import type { SmsOptOuts } from '../ports/sms-opt-outs';
import { runPool } from './run-pool';
import { suspendAddress, type SuspendAddressDeps } from './suspend-address';

/** What reconciling needs: the carrier's opt-out list and the subscriptions to pause. */
export interface ReconcileSmsOptOutsDeps extends SuspendAddressDeps {
  smsOptOuts: SmsOptOuts;
}

/** What one run came to; counts only, never a number. */
export interface SmsOptOutReconciliation {
  /** Numbers on the carrier's list. */
  optedOut: number;
  /** Active SMS subscriptions paused this run. */
  suspended: number;
  /** Entries that are not a phone number Outpost could have stored (skipped). */
  unreadable: number;
}

/** Numbers looked up at once: each is a Query on its address items and a read per subscription found. */
const CONCURRENCY = 8;

/**
 * Pauses (suspends, audited as `subscription.suspended` with reason
 * `opted-out`) every active SMS subscription whose number is on the
 * carrier's opt-out list, page by page. Sending already refuses such
 * numbers one message at a time; this run takes them out of matching so a
 * fan-out stops paying for the attempt. Idempotent: numbers whose
 * subscriptions are already paused, or that Outpost never had, change
 * nothing, so an interrupted run is simply redone by the next one.
 */
export async function reconcileSmsOptOuts(deps: ReconcileSmsOptOutsDeps): Promise<SmsOptOutReconciliation> {
  const result: SmsOptOutReconciliation = { optedOut: 0, suspended: 0, unreadable: 0 };
  let cursor: string | undefined;
  do {
    const page = await deps.smsOptOuts.listOptedOut(cursor);
    result.optedOut += page.items.length;
    await runPool(page.items, CONCURRENCY, async (listed) => {
      // Subscriptions store E.164; the carrier's list is E.164 too, but a missing "+" must not hide a match.
      const parsed = PhoneNumberSchema.safeParse(listed.startsWith('+') ? listed : `+${listed}`);
      if (!parsed.success) {
        result.unreadable += 1;
        return;
      }
      const { suspended } = await suspendAddress(deps, { channel: 'sms', address: parsed.data, reason: 'opted-out', system: 'sms-opt-out-reconciliation' });
      result.suspended += suspended;
    });
    cursor = page.cursor ?? undefined;
  } while (cursor !== undefined);
  return result;
}
