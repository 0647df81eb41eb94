import type { EmailMessage, SmsMessage } from '../ports/messaging';
import { PERSONAL_DATA_HOURS } from './subscription-links';

/** The message with the personal-data link for the owner of an address: its page shows or erases everything held. */
export function personalDataEmail(address: string, link: string): EmailMessage {
  const text = [
    'Someone, hopefully you, asked which personal data Outpost holds for this address.',
    '',
    `See everything we hold, or delete all of it for good (valid ${PERSONAL_DATA_HOURS} hours):`,
    link,
    '',
    'Nothing happens until you press a button on that page. If you did not ask, ignore this message.',
  ].join('\n');
  return { to: address, subject: 'Your personal data at Outpost', text };
}

export function personalDataSms(address: string, link: string): SmsMessage {
  return { to: address, text: `Outpost: see or delete your data (valid ${PERSONAL_DATA_HOURS}h): ${link}` };
}
