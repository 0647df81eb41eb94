import * as z from 'zod';
import { EmailAddressSchema, mailboxKey } from './email-address';
import { timingInputFields, type TimingCapabilities } from './delivery-timing';
import { BULK_EMAIL_MAX_DESTINATIONS } from './email-template';
import { PhoneNumberSchema } from './phone';
import { CHANNEL_NAMES, ChannelSchema, type Channel } from './channel-name';
import { CONFIRMATION_DAYS, describeFilters, FilterInputFields, type Subscription } from './subscription';

/** How a subscriber is reached; the names live in channel-name.ts, so code that only lists channels need not load the address checks. */
export { CHANNEL_NAMES, ChannelSchema, type Channel } from './channel-name';

/**
 * The sender ports a channel may name (the keys of its worker's
 * dependencies); shared/ports/senders.ts gives each its interface. A name,
 * never an adapter: wiring decides what serves it.
 */
export type SenderPortName = 'email' | 'sms' | 'webhooks';

/** A confirmation message before its sender port addresses it. */
export interface ConfirmationText {
  /** For senders whose messages have one (email). */
  subject?: string;
  text: string;
}

/** A provider whose send rate is shared by every worker (SES messages per second, SMS transactions per second). */
export type SendRateProvider = 'email' | 'sms';

/** How a channel's delivery worker runs; the lease and dead-letter limit come from its queue in shared/topology.ts. */
export interface ChannelDeliverySettings {
  /** Matched subscriptions per fan-out chunk: what one chunk record holds and one lease covers. */
  chunkSize: number;
  /** Recipients per send batch: one provider call for bulk email, one progress write for every channel. */
  sendBatchSize: number;
  /** Sends in flight at once within a batch (channels without a bulk call). */
  concurrency: number;
  /** Sends in flight at once to one webhook host, across a batch. */
  perHostConcurrency?: number;
  /** The shared send rate this channel draws from; absent: none (webhooks are limited per host instead). */
  rateProvider?: SendRateProvider;
  /**
   * What to do with an abandoned claim, whose send may or may not have happened.
   * false: record it failed and do not resend (a duplicate alert is worse than the rare, recorded loss).
   * true: resend with the same delivery id, which receivers deduplicate on.
   */
  reclaimAbandoned: boolean;
}

/** The public subscribe form's field for a channel's address, and the page shown once the confirmation is sent. */
export interface ChannelFormField {
  /** The form field name (`email`, `phone`); errors on `address` are shown on it. */
  field: string;
  label: string;
  inputType: 'email' | 'tel';
  hint: string;
  sentTitle: string;
  sentMessage: string;
  /** What was sent, in a sentence: "the email", "the text message". */
  sentWhat: string;
}

interface ChannelCommon {
  /** Tables and counts: "Email", "SMS", "Webhook". */
  label: string;
  /** Words for the person a subscription belongs to: "Text message (SMS)". */
  longLabel: string;
  sender: SenderPortName;
  delivery: ChannelDeliverySettings;
  /** Whether its subscribers may choose digests and quiet hours (the create and manage bodies accept the fields). */
  timing: TimingCapabilities;
  /** The destination as the owning organization's portal shows it: recognisable, not spelled out. */
  showToOrganization(subscription: Pick<Subscription, 'address' | 'url'>): string;
}

/**
 * An address channel (email, SMS): anyone may subscribe an address; it stays
 * pending until the link in its one confirmation message is opened.
 */
export interface AddressChannel<C extends Channel = Channel> extends ChannelCommon {
  destination: 'address';
  /** The strict POST /v1/subscriptions body for this channel (chosen by `channel` first). */
  input: z.ZodType<{ channel: C; address: string }>;
  /** The address as a page may show it to whoever holds a manage link. */
  maskAddress(address: string): string;
  /** One key for every spelling of one destination, so a per-address limit cannot be dodged by re-spelling it. */
  limitKey(address: string): string;
  confirmation(subscription: Pick<Subscription, 'filters' | 'orgId'>, link: string): ConfirmationText;
  /** Messages too short for a signed token carry `/u/<code>` (see UnsubscribeCodeSchema). */
  shortUnsubscribeLink: boolean;
  /** How the public subscribe form asks for the address; absent: API only. */
  form?: ChannelFormField;
}

/**
 * A URL channel (webhook): a member key proves control, so it starts active
 * with a signing secret shown once; the URL passes the outbound-request guard.
 */
export interface UrlChannel<C extends Channel = Channel> extends ChannelCommon {
  destination: 'url';
  /** The strict POST /v1/subscriptions body for this channel (chosen by `channel` first). */
  input: z.ZodType<{ channel: C; url: string }>;
}

export type ChannelDefinition<C extends Channel = Channel> = AddressChannel<C> | UrlChannel<C>;

function scopeNote(subscription: Pick<Subscription, 'orgId'>): string {
  return subscription.orgId ? 'what your organization is entitled to receive' : 'public (TLP:CLEAR) information only';
}

/** Digests are lists, which only email carries; quiet hours are for people, not systems. */
const EMAIL_TIMING = { digests: true, quietHours: true } as const satisfies TimingCapabilities;
const SMS_TIMING = { digests: false, quietHours: true } as const satisfies TimingCapabilities;
const WEBHOOK_TIMING = { digests: false, quietHours: false } as const satisfies TimingCapabilities;

/**
 * Every delivery channel and what each place needs of it: labels, the
 * create schema, how its destination is shown, its confirmation message,
 * its worker's settings and the sender port it names. A value added to
 * ChannelSchema fails the typecheck here until its entry is written, and
 * at every other `Record<Channel, …>` (topology queues, local workers, the
 * AWS stack's consumers); docs/extending.md lists them.
 */
export const CHANNELS = {
  email: {
    label: 'Email',
    longLabel: 'Email',
    destination: 'address',
    input: z.object({ channel: z.literal('email'), address: EmailAddressSchema, ...FilterInputFields, ...timingInputFields(EMAIL_TIMING) }).strict(),
    sender: 'email',
    timing: EMAIL_TIMING,
    /** At-most-once after a crash: an abandoned claim is recorded failed, not resent. */
    delivery: { chunkSize: 200, sendBatchSize: BULK_EMAIL_MAX_DESTINATIONS, concurrency: 1, rateProvider: 'email', reclaimAbandoned: false },
    showToOrganization: ({ address = '' }) => {
      const [local = '', domain = ''] = address.split('@');
      return `${local.slice(0, 2)}…@${domain}`;
    },
    maskAddress: (address) => {
      const at = address.lastIndexOf('@');
      return at > 0 ? `${address[0]}•••${address.slice(at)}` : '•••';
    },
    limitKey: mailboxKey,
    confirmation: (subscription, link) => ({
      subject: 'Confirm your Outpost alerts',
      text: [
        'Someone, hopefully you, asked Outpost to send security alerts to this address.',
        '',
        `Alerts about: ${describeFilters(subscription.filters)}`,
        `Content: ${scopeNote(subscription)}`,
        '',
        `To start receiving them, open this link within ${CONFIRMATION_DAYS} days and press "Confirm subscription":`,
        link,
        '',
        'If you did not ask for this, ignore this message: nothing more will be sent to you.',
      ].join('\n'),
    }),
    shortUnsubscribeLink: false,
    form: {
      field: 'email',
      label: 'Email address',
      inputType: 'email',
      hint: 'Needed if you chose email.',
      sentTitle: 'Check your inbox',
      sentMessage: 'We have sent an email with a link to confirm your subscription.',
      sentWhat: 'the email',
    },
  },
  sms: {
    label: 'SMS',
    longLabel: 'Text message (SMS)',
    destination: 'address',
    input: z.object({ channel: z.literal('sms'), address: PhoneNumberSchema, ...FilterInputFields, ...timingInputFields(SMS_TIMING) }).strict(),
    sender: 'sms',
    timing: SMS_TIMING,
    /** At-most-once after a crash: each message costs money and a duplicate alarms people. */
    delivery: { chunkSize: 200, sendBatchSize: 25, concurrency: 10, rateProvider: 'sms', reclaimAbandoned: false },
    showToOrganization: ({ address = '' }) => (address.length > 4 ? `…${address.slice(-4)}` : address),
    maskAddress: (address) => (address.startsWith('+') && address.length > 6 ? `${address.slice(0, 2)}•••••${address.slice(-4)}` : '•••'),
    /** The schema already stores one spelling, E.164. */
    limitKey: (address) => address,
    confirmation: (_subscription, link) => ({
      text: `Outpost: confirm alerts (valid ${CONFIRMATION_DAYS} days): ${link} Not you? Ignore this.`,
    }),
    shortUnsubscribeLink: true,
    form: {
      field: 'phone',
      label: 'Mobile phone number',
      inputType: 'tel',
      hint: 'Needed if you chose text message. Include the country code, e.g. +1 202 555 0143.',
      sentTitle: 'Check your phone',
      sentMessage: 'We have sent a text message with a link to confirm your subscription.',
      sentWhat: 'the text message',
    },
  },
  webhook: {
    label: 'Webhook',
    longLabel: 'Webhook',
    destination: 'url',
    input: z.object({ channel: z.literal('webhook'), url: z.string().min(1, 'must not be empty'), ...FilterInputFields, ...timingInputFields(WEBHOOK_TIMING) }).strict(),
    sender: 'webhooks',
    timing: WEBHOOK_TIMING,
    /**
     * At-least-once: an abandoned claim is sent again with the same
     * `Outpost-Delivery` id, which receivers deduplicate on. Fewer per chunk:
     * each may wait on a slow endpoint and its retries.
     */
    delivery: { chunkSize: 100, sendBatchSize: 20, concurrency: 10, perHostConcurrency: 4, reclaimAbandoned: true },
    showToOrganization: ({ url }) => (url ? new URL(url).host : ''),
  },
} as const satisfies { [C in Channel]: ChannelDefinition<C> };

/** The channels whose subscribers give an address and confirm it by link. */
export type AddressChannelName = { [C in Channel]: (typeof CHANNELS)[C] extends { destination: 'address' } ? C : never }[Channel];

/** "Email", "SMS", "Webhook". */
export function channelLabel(channel: Channel): string {
  return CHANNELS[channel].label;
}

/** Just the channel, so the right strict schema can be chosen and a wrong channel named as such. */
export const ChannelFieldSchema = z.object({ channel: ChannelSchema }).loose();

/**
 * What a manage link may change on a subscription of each channel: the same
 * filter fields as creation, and the timing fields the channel allows.
 */
export const MANAGE_INPUT = Object.fromEntries(
  CHANNEL_NAMES.map((channel) => [channel, z.object({ ...FilterInputFields, ...timingInputFields(CHANNELS[channel].timing) }).strict()]),
) as Record<Channel, z.ZodObject<typeof FilterInputFields & ReturnType<typeof timingInputFields>>>;
