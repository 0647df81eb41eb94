import * as z from 'zod';
import { EmailAddressSchema } from './email-address';
import { PhoneNumberSchema } from './phone';
import type { Subscription } from './subscription';
import { oneLine } from './text';

/**
 * A traveler: a person a member organization sends abroad and owes a duty of
 * care. Personal data of that organization: never shown to another
 * organization, in a public output or in a log line.
 */

/** The channels a traveler can be reached on: the address channels. */
export const TravelerChannelSchema = z.enum(['email', 'sms']);
export type TravelerChannel = z.infer<typeof TravelerChannelSchema>;

export interface Traveler {
  id: string;
  orgId: string;
  name: string;
  /** Lower-cased, as subscription addresses are. */
  email?: string;
  /** E.164. */
  phone?: string;
  /** Where traveler alerts and safety checks go; each has its address. */
  channels: TravelerChannel[];
  /**
   * The short code of the link in every traveler alert (`/t/<code>`) that
   * stops automatic alerts for this traveler (safety checks still reach them).
   */
  stopCode: string;
  /** Set when the traveler stopped automatic alerts with that link. */
  alertsStoppedAt?: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

const ChannelsSchema = z
  .array(TravelerChannelSchema)
  .min(1, 'must name at least one channel')
  .max(2)
  .refine((list) => new Set(list).size === list.length, 'must not repeat a channel');

const fields = {
  name: oneLine(200),
  email: EmailAddressSchema.optional(),
  phone: PhoneNumberSchema.optional(),
  channels: ChannelsSchema.optional(),
};

/** Every channel named needs its address; at least one address. */
function addressIssues(value: { email?: string | undefined; phone?: string | undefined; channels?: TravelerChannel[] | undefined }): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (value.email === undefined && value.phone === undefined) issues.push({ path: 'email', message: 'give an email address or a phone number (or both)' });
  for (const channel of value.channels ?? []) {
    if (channel === 'email' && value.email === undefined) issues.push({ path: 'channels', message: 'names email but the traveler has no email address' });
    if (channel === 'sms' && value.phone === undefined) issues.push({ path: 'channels', message: 'names sms but the traveler has no phone number' });
  }
  return issues;
}

/** The body of POST /v1/travelers. Without `channels`, every channel the traveler has an address for. */
export const CreateTravelerSchema = z
  .object(fields)
  .strict()
  .superRefine((value, ctx) => {
    for (const issue of addressIssues(value)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type CreateTravelerInput = z.infer<typeof CreateTravelerSchema>;

/** The body of PATCH /v1/travelers/{id}: any field; `null` removes an address. */
export const UpdateTravelerSchema = z
  .object({ name: fields.name.optional(), email: EmailAddressSchema.nullable().optional(), phone: PhoneNumberSchema.nullable().optional(), channels: ChannelsSchema.optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'must change at least one field');
export type UpdateTravelerInput = z.infer<typeof UpdateTravelerSchema>;

/** The default channels: every one the traveler has an address for. */
export function defaultChannels(traveler: { email?: string | undefined; phone?: string | undefined }): TravelerChannel[] {
  return [...(traveler.email ? (['email'] as const) : []), ...(traveler.phone ? (['sms'] as const) : [])];
}

/** Applies a PATCH and checks the result as a whole (an address removed must not leave a channel without one). */
export function applyTravelerUpdate(traveler: Traveler, input: UpdateTravelerInput, at: string): { next: Traveler; issues: { path: string; message: string }[] } {
  const next: Traveler = { ...traveler, updatedAt: at };
  if (input.name !== undefined) next.name = input.name;
  if (input.email === null) delete next.email;
  else if (input.email !== undefined) next.email = input.email;
  if (input.phone === null) delete next.phone;
  else if (input.phone !== undefined) next.phone = input.phone;
  // Removing an address drops its channel unless the caller set the channels themselves.
  next.channels = input.channels ?? next.channels.filter((ch) => (ch === 'email' ? next.email : next.phone) !== undefined);
  if (next.channels.length === 0) next.channels = defaultChannels(next);
  return { next, issues: addressIssues(next) };
}

/** The address of a traveler on one channel. */
export function travelerAddress(traveler: Pick<Traveler, 'email' | 'phone'>, channel: TravelerChannel): string | undefined {
  return channel === 'email' ? traveler.email : traveler.phone;
}

/**
 * The channels a traveler's alerts can go out on: named in `channels` and
 * with the address for it. What the trip shard marks record per channel.
 */
export function reachableChannels(traveler: Pick<Traveler, 'email' | 'phone' | 'channels'>): TravelerChannel[] {
  return traveler.channels.filter((channel) => travelerAddress(traveler, channel) !== undefined);
}

/** A traveler as the API shows it to its own organization. */
export interface TravelerView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  channels: TravelerChannel[];
  alertsStopped: boolean;
  createdAt: string;
  updatedAt: string;
}

export function describeTraveler(traveler: Traveler): TravelerView {
  return {
    id: traveler.id,
    name: traveler.name,
    email: traveler.email ?? null,
    phone: traveler.phone ?? null,
    channels: traveler.channels,
    alertsStopped: traveler.alertsStoppedAt !== undefined,
    createdAt: traveler.createdAt,
    updatedAt: traveler.updatedAt,
  };
}

/**
 * A traveler as a recipient of the delivery fan-out, which speaks in
 * subscriptions: active, on one channel, with its organization (for sharing)
 * and no filters (the trip index and the organization's settings matched it).
 * Its id is the traveler's; the fan-out keeps traveler parts and delivery ids
 * apart from subscriptions' (see `travelerDeliveryKey`).
 */
export function travelerRecipient(traveler: Traveler, channel: TravelerChannel): Subscription {
  const address = travelerAddress(traveler, channel);
  return {
    id: traveler.id,
    channel,
    ...(address ? { address } : {}),
    orgId: traveler.orgId,
    createdBy: traveler.createdBy,
    filters: { countries: [], regions: [], kinds: [] },
    status: 'active',
    createdAt: traveler.createdAt,
    unsubscribeCode: traveler.stopCode,
  };
}

/** The link in every traveler alert that stops automatic alerts for that traveler (`/t/<code>`, short enough for an SMS); none without a code. */
export function travelerStopLink(baseUrl: string, recipient: { unsubscribeCode?: string | undefined }): string | undefined {
  return recipient.unsubscribeCode ? `${baseUrl}/t/${recipient.unsubscribeCode}` : undefined;
}
