import * as z from 'zod';
import { EmailAddressSchema } from '../domain/email-address';
import { looksLikePhoneNumber, PhoneNumberSchema } from '../domain/phone';
import { parseOrThrow } from '../domain/validation';
import { RecipientRejectedError } from '../errors';
import type { ServiceDeps } from './deps';
import { personalDataLinks } from './subscription-links';
import { personalDataEmail, personalDataSms } from './subscription-messages';
import { spendAddressAllowance, spendCallerAllowance, type MessageCaller } from './subscription-message-limits';

const RequestSchema = z.object({ address: z.string().max(254) }).strict();

/** An email address or an international phone number, normalized as subscriptions store them. */
function parseContactAddress(text: string): { channel: 'email' | 'sms'; address: string } {
  if (looksLikePhoneNumber(text)) return { channel: 'sms', address: parseOrThrow(z.object({ address: PhoneNumberSchema }), { address: text }).address };
  return { channel: 'email', address: parseOrThrow(z.object({ address: EmailAddressSchema }), { address: text }).address };
}

/**
 * Someone asks what Outpost holds for an address. If it holds anything, the
 * address gets one message with signed export and erase links; either way
 * the caller learns nothing (the route answers 202 the same way). Counts
 * against the same message limits as confirmations; over the caller's limit
 * is a 429 (it says nothing about the address), over the address's limit
 * nothing is sent, silently.
 */
export async function requestPersonalData(deps: ServiceDeps, caller: MessageCaller, input: unknown): Promise<void> {
  const body = parseOrThrow(RequestSchema, input);
  const { channel, address } = parseContactAddress(body.address);
  await spendCallerAllowance(deps, caller);
  const held = await deps.subscriptions.listByAddress(address);
  if (held.length === 0) return;
  const allowance = await spendAddressAllowance(deps, address);
  if (!allowance.allowed) return;
  const newest = held.reduce((a, b) => (a.createdAt >= b.createdAt ? a : b));
  const links = personalDataLinks(deps, newest);
  try {
    if (channel === 'email') await deps.email.sendEmail(personalDataEmail(address, links));
    else await deps.sms.sendSms(personalDataSms(address, links));
  } catch (error) {
    // An address that refuses messages (opted out, suppressed) gets nothing, and the caller learns nothing.
    if (!(error instanceof RecipientRejectedError)) throw error;
  }
}
