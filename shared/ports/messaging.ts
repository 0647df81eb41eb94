import type { Channel, CHANNELS, SenderPortName } from '../domain/channel';
import type { EmailTemplate, TemplateDestination } from '../domain/email-template';
import type { RecipientRejection } from '../errors';
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

/** One template for up to 50 recipients (the SES v2 `SendBulkEmail` limit). */
export interface BulkEmail {
  template: EmailTemplate;
  destinations: readonly TemplateDestination[];
}

/** What became of one destination of a bulk send, in the order they were given. */
export type BulkEmailResult =
  | { status: 'sent'; messageId: string }
  /** Refused for good: this recipient must not be tried again. */
  | { status: 'rejected'; reason: RecipientRejection }
  /** Not sent this time (throttling, a transient failure); may be tried again. */
  | { status: 'retry'; reason: string };

export interface EmailSender {
  sendEmail(message: EmailMessage): Promise<{ messageId: string }>;
}

/** What the email delivery worker sends alerts with. */
export interface BulkEmailSender {
  /** Sends one template to each destination with its own values; never throws for one recipient's refusal. */
  sendBulkEmail(email: BulkEmail): Promise<BulkEmailResult[]>;
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
export interface Outbox extends EmailSender, BulkEmailSender, SmsSender {
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
