import { levelName } from '../domain/advisory-level';
import { countryName } from '../domain/country';
import { regionName } from '../domain/region';
import { CONFIRMATION_DAYS, type Subscription, type SubscriptionFilters } from '../domain/subscription';
import type { EmailMessage, SmsMessage } from '../ports/messaging';
import { PERSONAL_DATA_HOURS } from './subscription-links';

/** "Kenya, Africa; travel-advisory; level 3 and above" — what a subscription asked for, in words. */
export function describeFilters(filters: SubscriptionFilters): string {
  const places = [...filters.countries.map(countryName), ...filters.regions.map(regionName)];
  const parts = [places.length ? places.join(', ') : 'every country'];
  if (filters.kinds.length) parts.push(filters.kinds.join(', '));
  if (filters.minLevel !== undefined) parts.push(`travel advisories at level ${filters.minLevel} (${levelName(filters.minLevel)}) and above`);
  return parts.join('; ');
}

function scopeNote(subscription: Subscription): string {
  return subscription.orgId ? 'what your organization is entitled to receive' : 'public (TLP:CLEAR) information only';
}

/** The one message a pending address gets: the confirmation link, and nothing else. */
export function confirmationEmail(subscription: Subscription & { address: string }, link: string): EmailMessage {
  const text = [
    'Someone, hopefully you, asked Outpost to send security alerts to this address.',
    '',
    `Alerts about: ${describeFilters(subscription.filters)}`,
    `Content: ${scopeNote(subscription)}`,
    '',
    'To start receiving them, confirm within 7 days:',
    link,
    '',
    'If you did not ask for this, ignore this message: nothing more will be sent to you.',
  ].join('\n');
  return { to: subscription.address, subject: 'Confirm your Outpost alerts', text };
}

export function confirmationSms(subscription: Subscription & { address: string }, link: string): SmsMessage {
  return { to: subscription.address, text: `Outpost: confirm alerts (valid ${CONFIRMATION_DAYS} days): ${link} Not you? Ignore this.` };
}

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
