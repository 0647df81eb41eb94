import * as z from 'zod';
import { EmailAddressSchema } from '../domain/email-address';
import { looksLikePhoneNumber, PhoneNumberSchema } from '../domain/phone';
import { parseOrThrow } from '../domain/validation';
import { RecipientRejectedError } from '../errors';
import type { ServiceDeps } from './deps';
import { findPersonalData, holdsAnything } from './load-personal-data';
import { personalDataExpiry, personalDataLink } from './subscription-links';
import { personalDataEmail, personalDataSms } from './subscription-messages';
import { spendAddressAllowance, spendCallerAllowance, type MessageCaller } from './subscription-message-limits';

const RequestSchema = z.object({ address: z.string().max(254) }).strict();

/** An email address or an international phone number, normalized as subscriptions store them. */
function parseContactAddress(text: string): { channel: 'email' | 'sms'; address: string } {
  if (looksLikePhoneNumber(text)) return { channel: 'sms', address: parseOrThrow(z.object({ address: PhoneNumberSchema }), { address: text }).address };
  return { channel: 'email', address: parseOrThrow(z.object({ address: EmailAddressSchema }), { address: text }).address };
}

/**
 * Someone asks what Outpost holds for an address. If it holds anything
 * (subscriptions, traveler records of any organization, site contacts), the
 * address gets one message with a signed link to a page where its owner sees
 * or erases it; either way the caller learns nothing (the route answers 202
 * the same way, no sooner than its fixed minimum time). Counts against the
 * same message limits as confirmations; over the caller's limit is a 429 (it
 * says nothing about the address). The address's allowance is spent before
 * anything is looked up, held or not, so a known address does not run out
 * sooner than an unknown one; over it, nothing is sent, silently.
 */
export async function requestPersonalData(deps: ServiceDeps, caller: MessageCaller, input: unknown): Promise<void> {
  const body = parseOrThrow(RequestSchema, input);
  const { channel, address } = parseContactAddress(body.address);
  await spendCallerAllowance(deps, caller);
  const allowance = await spendAddressAllowance(deps, channel, address);
  if (!allowance.allowed) return;
  if (!holdsAnything(await findPersonalData(deps, address))) return;
  // The link names a request holding the address, so no URL (and no log of one) carries it.
  const request = { id: deps.ids.next(), channel, address, createdAt: deps.clock.now(), expiresAt: personalDataExpiry(deps) };
  await deps.personalDataRequests.put(request);
  const link = personalDataLink(deps, request.id, request.expiresAt);
  try {
    if (channel === 'email') await deps.email.sendEmail(personalDataEmail(address, link));
    else await deps.sms.sendSms(personalDataSms(address, link));
  } catch (error) {
    // An address that refuses messages (opted out, suppressed) gets nothing, and the caller learns nothing.
    if (!(error instanceof RecipientRejectedError)) throw error;
  }
}
