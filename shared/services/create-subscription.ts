import { randomBytes } from 'node:crypto';
import { ChannelFieldSchema, CHANNELS } from '../domain/channel';
import { timingFrom } from '../domain/delivery-timing';
import { filtersOf, type Subscription } from '../domain/subscription';
import { parseOrThrow } from '../domain/validation';
import { webhookUrlProblem } from '../domain/webhook-url';
import { RateLimitedError, RecipientRejectedError, UnauthenticatedError, ValidationError } from '../errors';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { resolveSubscriptionPlace } from './resolve-subscription-place';
import { confirmLink } from './subscription-links';
import { sendConfirmation } from './send-confirmation';
import { spendAddressAllowance, spendCallerAllowance, type MessageCaller } from './subscription-message-limits';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** A fresh SMS unsubscribe code: 10 lower-case Crockford base32 characters, 50 random bits (see UnsubscribeCodeSchema). */
export function newUnsubscribeCode(): string {
  // 256 is a multiple of 32, so masking each byte keeps every character equally likely.
  return [...randomBytes(10)].map((byte) => CROCKFORD[byte & 31]).join('');
}

export interface SubscribeRequest {
  /** The signed-in person, or undefined for an anonymous (CLEAR-only) subscription. */
  person: ActingPerson | undefined;
  /** The caller as the message limits count it. */
  caller: MessageCaller;
  /** Local mode: webhooks may point at this machine. */
  allowLoopbackWebhooks: boolean;
}

export interface CreatedSubscription {
  subscription: Subscription;
  /** The webhook signing secret, returned this once. */
  secret?: string;
}

/**
 * Creates a subscription with the body its channel's registry entry
 * accepts. Address channels (email, SMS) start pending and get exactly one
 * message, the confirmation link; URL channels (webhooks) need a signed-in
 * person, start active and get a signing secret. Confirmation messages are
 * rate-limited per caller and per address; over either limit nothing is
 * created (429). A confirmation the provider refuses (an opted-out number) is
 * a 422 for an organization and, for an anonymous caller, answered like
 * any other address.
 */
export async function createSubscription(deps: ServiceDeps, request: SubscribeRequest, input: unknown): Promise<CreatedSubscription> {
  const { channel } = parseOrThrow(ChannelFieldSchema, input);
  const body = parseOrThrow(CHANNELS[channel].input, input);
  const { person } = request;
  const now = deps.clock.now();
  const place = await resolveSubscriptionPlace(deps, person?.orgId, body);
  const base = {
    id: deps.ids.next(),
    channel,
    filters: { ...filtersOf(body), ...place },
    timing: timingFrom(body),
    createdAt: now,
    updatedAt: now,
    ...(person ? { orgId: person.orgId, createdBy: person.personId } : {}),
  };

  let subscription: Subscription;
  let secret: string | undefined;
  let confirm: ((subscription: Subscription & { address: string }) => Promise<void>) | undefined;
  if ('url' in body) {
    if (!person) throw new UnauthenticatedError('Webhook subscriptions need a member API key: Authorization: Bearer <key>.');
    const problem = webhookUrlProblem(body.url, { allowLoopback: request.allowLoopbackWebhooks });
    if (problem) throw new ValidationError([{ path: 'url', message: problem }]);
    secret = randomBytes(32).toString('base64url');
    // The member proved control with their key; the first request the URL gets is a real delivery.
    subscription = { ...base, url: new URL(body.url).toString(), secret, status: 'active', confirmedAt: now };
  } else {
    const addressChannel = body.channel;
    await spendCallerAllowance(deps, request.caller);
    const allowance = await spendAddressAllowance(deps, addressChannel, body.address);
    if (!allowance.allowed) {
      throw new RateLimitedError('This address was sent too many confirmation messages recently; try again later.', allowance.retryAfterSeconds);
    }
    subscription = { ...base, address: body.address, status: 'pending', ...(CHANNELS[addressChannel].shortUnsubscribeLink ? { unsubscribeCode: newUnsubscribeCode() } : {}) };
    confirm = (pending) => sendConfirmation(deps, addressChannel, pending, confirmLink(deps, pending));
  }

  const actor = person ?? { system: 'anonymous' };
  const details = { channel, status: subscription.status, anonymous: !person, scopes: subscription.filters.countries.length + subscription.filters.regions.length };
  await deps.subscriptions.create(subscription, [auditEntry(deps, now, actor, 'subscription.created', { type: 'subscription', id: subscription.id }, details)]);

  try {
    if (confirm && subscription.address) await confirm({ ...subscription, address: subscription.address });
  } catch (error) {
    if (!(error instanceof RecipientRejectedError)) throw error;
    // The pending subscription stays until its TTL, like any unconfirmed one. An organization learns why nothing
    // will arrive; an anonymous caller gets the answer any address gets, so it cannot tell which numbers opted out.
    if (person) throw new ValidationError([{ path: 'address', message: refusalMessage(error) }]);
  }
  return secret ? { subscription, secret } : { subscription };
}

function refusalMessage(error: RecipientRejectedError): string {
  if (error.reason === 'opted-out') return 'has opted out of SMS from Outpost (replied STOP); reply START to opt back in, then subscribe again';
  return 'refuses messages from Outpost (the provider rejected the confirmation)';
}
