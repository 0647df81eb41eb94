import type { SmsOptOutList } from '../../ports/sms-opt-outs';

/**
 * Local mode's carrier opt-out list, in memory. Pages are in number order
 * and the cursor is the last number of a page, so numbers added while a
 * reconciliation pages through are neither skipped before the cursor nor
 * repeated.
 */
export function memorySmsOptOuts(pageSize = 100): SmsOptOutList {
  const numbers = new Set<string>();
  return {
    optOut(phoneNumber) {
      numbers.add(phoneNumber);
    },
    isOptedOut(phoneNumber) {
      return numbers.has(phoneNumber);
    },
    async listOptedOut(cursor) {
      const after = [...numbers].sort().filter((n) => cursor === undefined || n > cursor);
      const items = after.slice(0, pageSize);
      return { items, cursor: after.length > pageSize ? items.at(-1)! : null };
    },
  };
}
