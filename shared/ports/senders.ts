import type { Channel, CHANNELS, SenderPortName } from '../domain/channel';
import type { EmailSender, SmsSender } from './messaging';
import type { WebhookSender } from './webhook-sender';

/**
 * The interface behind each sender port name of the channel registry, as
 * the key a worker's dependencies carry it under. A name the registry uses
 * without an interface here fails the typecheck (the mapped type below
 * indexes this table by every name).
 */
interface SenderPortTable {
  email: EmailSender;
  sms: SmsSender;
  webhooks: WebhookSender;
}

export type SenderPorts = { [N in SenderPortName]: SenderPortTable[N] };

/** The sender port a channel's worker needs, e.g. `{ email: EmailSender }` for `email`. */
export type ChannelSenderPort<C extends Channel> = Pick<SenderPorts, (typeof CHANNELS)[C]['sender']>;
