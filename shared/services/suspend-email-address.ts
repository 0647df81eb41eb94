import { suspendAddress, type SuspendAddressDeps } from './suspend-address';

/** Why SES says an address must not be mailed again. */
export type EmailFeedbackReason = 'bounced' | 'complained';

/**
 * Suspends every active email subscription of one address after a permanent
 * bounce or a complaint (see `suspendAddress`).
 *
 * @returns how many subscriptions it suspended.
 */
export function suspendEmailAddress(deps: SuspendAddressDeps, address: string, reason: EmailFeedbackReason): Promise<{ suspended: number }> {
  return suspendAddress(deps, { channel: 'email', address, reason, system: 'ses-feedback' });
}
