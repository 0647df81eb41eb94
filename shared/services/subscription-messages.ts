import type { EmailMessage, SmsMessage } from '../ports/messaging';
import { PERSONAL_DATA_HOURS } from './subscription-links';

/** The message with export and erase links for the owner of an address. */
export function personalDataEmail(address: string, links: { export: string; erase: string }): EmailMessage {
  const text = [
    'Someone, hopefully you, asked which personal data Outpost holds for this address.',
    '',
    `See everything we hold (valid ${PERSONAL_DATA_HOURS} hours):`,
    links.export,
    '',
    'Delete all of it for good (send a POST to this link, or use the button on the page):',
    links.erase,
    '',
    'If you did not ask, ignore this message.',
  ].join('\n');
  return { to: address, subject: 'Your personal data at Outpost', text };
}

export function personalDataSms(address: string, links: { export: string; erase: string }): SmsMessage {
  return { to: address, text: `Outpost: your data (valid ${PERSONAL_DATA_HOURS}h): ${links.export}` };
}
