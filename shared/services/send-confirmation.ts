import { CHANNELS, type AddressChannelName, type ConfirmationText } from '../domain/channel';
import type { Subscription } from '../domain/subscription';
import type { SenderPorts } from '../ports/messaging';

/** The sender ports that address channels name. */
type AddressSender = (typeof CHANNELS)[AddressChannelName]['sender'];

/**
 * How each of those ports carries a confirmation. An address channel that
 * names a port missing here fails the typecheck.
 */
const SEND_TEXT: { [N in AddressSender]: (deps: Pick<SenderPorts, N>, to: string, message: ConfirmationText) => Promise<unknown> } = {
  email: (deps, to, message) => deps.email.sendEmail({ to, subject: message.subject ?? 'Outpost', text: message.text }),
  sms: (deps, to, message) => deps.sms.sendSms({ to, text: message.text }),
};

/**
 * Sends a pending subscription its one message: the channel's confirmation
 * text with the link, through the sender port its registry entry names.
 */
export async function sendConfirmation(
  deps: Pick<SenderPorts, AddressSender>,
  channel: AddressChannelName,
  subscription: Pick<Subscription, 'filters' | 'orgId'> & { address: string },
  link: string,
): Promise<void> {
  const definition = CHANNELS[channel];
  await SEND_TEXT[definition.sender](deps, subscription.address, definition.confirmation(subscription, link));
}
