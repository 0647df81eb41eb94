import { CHANNELS, type AddressChannelName } from '../domain/channel';
import { RateLimitedError } from '../errors';
import type { ServiceDeps } from './deps';

/**
 * Limits on messages Outpost sends to addresses it has not yet been told it
 * may write to (confirmations, personal-data links): SMS pumping and email
 * bombing. Fixed one-hour windows.
 * - per destination address: 3 an hour, whatever caused them;
 * - per caller: 10 an hour for an anonymous client address, 100 an hour
 *   for a signed-in person (a security manager subscribing their staff).
 */
const MESSAGE_LIMITS = {
  perAddress: { limit: 3, windowSeconds: 3600 },
  perAnonymousCaller: { limit: 10, windowSeconds: 3600 },
  perPerson: { limit: 100, windowSeconds: 3600 },
} as const;

/** Who is asking for a message to be sent: a signed-in person, or an anonymous client by its network address. */
export type MessageCaller = { kind: 'person'; personId: string } | { kind: 'anonymous'; clientAddress: string };

/** Counts one message against the caller's allowance, or throws a RateLimitedError (429 with Retry-After). */
export async function spendCallerAllowance(deps: Pick<ServiceDeps, 'rateLimits' | 'clock'>, caller: MessageCaller): Promise<void> {
  const [subject, rule] =
    caller.kind === 'person' ? [`person:${caller.personId}`, MESSAGE_LIMITS.perPerson] : [`ip:${caller.clientAddress}`, MESSAGE_LIMITS.perAnonymousCaller];
  const decision = await deps.rateLimits.hit('msg-caller', subject, rule.limit, rule.windowSeconds, deps.clock.now());
  if (!decision.allowed) {
    throw new RateLimitedError(`Too many confirmation or personal-data messages from you; at most ${rule.limit} an hour.`, decision.retryAfterSeconds);
  }
}

/**
 * Counts one message to `address`; not allowed (counting nothing) when the
 * address already had its allowance this hour. Every spelling of one
 * destination counts as one (the channel's `limitKey`: `Ann+x@Example.com`
 * is `ann@example.com`).
 */
export async function spendAddressAllowance(
  deps: Pick<ServiceDeps, 'rateLimits' | 'clock'>,
  channel: AddressChannelName,
  address: string,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const rule = MESSAGE_LIMITS.perAddress;
  return deps.rateLimits.hit('msg-address', `${channel}:${CHANNELS[channel].limitKey(address)}`, rule.limit, rule.windowSeconds, deps.clock.now());
}
