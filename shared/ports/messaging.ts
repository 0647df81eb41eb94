import type { Channel, CHANNELS, SenderPortName } from '../domain/channel';
import type { WebhookSender } from './webhook-sender';

/**
 * Outbound messages. Adapters: SES v2 and SNS SMS in AWS; the outbox (or
 * SMTP when SMTP_URL is set) locally. Addresses are personal data: adapters
 * and callers never log them.
 */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers such as List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
}

export interface SmsMessage {
  /** E.164 phone number. */
  to: string;
  text: string;
}

export interface EmailSender {
  sendEmail(message: EmailMessage): Promise<{ messageId: string }>;
}

export interface SmsSender {
  sendSms(message: SmsMessage): Promise<{ messageId: string }>;
}

/** One message as the local outbox shows it (docs/architecture.md, Local mode: GET /v1/dev/outbox). */
export interface OutboxRecord {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  createdAt: string;
}

/** The local stand-in for SES and SNS SMS, readable by the dev routes. */
export interface Outbox extends EmailSender, SmsSender {
  /** Newest first. */
  list(): OutboxRecord[];
}

/**
 * The interface behind each sender port name of the channel registry, as
 * the key a worker's dependencies carry it under. A name the registry uses
 * without an interface here fails the typecheck (SenderPorts indexes this
 * table by every name).
 */
interface SenderPortTable {
  email: EmailSender;
  sms: SmsSender;
  webhooks: WebhookSender;
}

export type SenderPorts = { [N in SenderPortName]: SenderPortTable[N] };

/** The sender port a channel's worker needs, e.g. `{ email: EmailSender }` for `email`. */
export type ChannelSenderPort<C extends Channel> = Pick<SenderPorts, (typeof CHANNELS)[C]['sender']>;
